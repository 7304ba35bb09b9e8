package dev.asyncio4j;

/**
 * Thrown to waiters of a {@link Barrier} that was reset or aborted.
 */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public BrokenBarrierError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
