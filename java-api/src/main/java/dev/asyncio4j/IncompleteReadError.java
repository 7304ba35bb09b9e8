package dev.asyncio4j;

/**
 * Python's {@code asyncio.IncompleteReadError}: the stream reached end of file before a read could be satisfied
 * ({@link StreamReader#readExactly(int)}, {@link StreamReader#readUntil(byte[])}). The bytes read so far travel
 * with it; the reader's buffer no longer holds them.
 *
 * <p>Immutable and thread-safe (the partial bytes are copied on the way in and out).
 */
public class IncompleteReadError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The bytes read before end of file (a private copy); serialized with the error. */
    private final byte[] partial;
    /** How many bytes were expected, or {@code -1} when not known; serialized with the error. */
    private final int expected;

    /**
     * Creates the error.
     *
     * @param partial the bytes read before end of file (copied)
     * @param expected how many bytes were expected, or {@code -1} when not known (a {@code readUntil})
     * @throws NullPointerException if {@code partial} is null
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : Integer.toString(expected))
                + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected < 0 ? -1 : expected;
    }

    /**
     * The bytes read before end of file.
     *
     * @return a copy of them, possibly empty
     */
    public byte[] partial() {
        return partial.clone();
    }

    /**
     * How many bytes the read expected.
     *
     * @return the count, or {@code -1} when not known (as for {@code readUntil}, Python's {@code None}; the message says {@code undefined})
     */
    public int expected() {
        return expected;
    }
}
