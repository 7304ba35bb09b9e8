package dev.asyncio4j;

/**
 * Python's {@code TimeoutError} as raised by {@code asyncio.wait_for} and {@code asyncio.timeout}: the deadline
 * passed before the awaited operation finished. Unchecked, so it travels through {@link Asyncio#await(Future)}
 * as it is.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public TimeoutError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what timed out
     */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the cancellation it replaced.
     *
     * @param message what timed out
     * @param cause the {@link CancelledError} the timeout converted, or {@code null}
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
