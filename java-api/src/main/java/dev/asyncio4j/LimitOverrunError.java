package dev.asyncio4j;

/**
 * Python's {@code asyncio.LimitOverrunError}: {@link StreamReader#readUntil(byte[])} looked for its separator past
 * the reader's limit. The data stays in the reader's buffer, so it can still be read (for example with
 * {@link StreamReader#read(int)}, or {@code readExactly(consumed())}).
 *
 * <p>Immutable and thread-safe.
 */
public class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many bytes of the buffer the search had to consume; serialized with the error. */
    private final int consumed;

    /**
     * Creates the error.
     *
     * @param message what went over the limit
     * @param consumed how many bytes of the buffer the search had to consume
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * How many bytes the search consumed before giving up (where the separator was found, or how far it looked).
     *
     * @return the count
     */
    public int consumed() {
        return consumed;
    }
}
