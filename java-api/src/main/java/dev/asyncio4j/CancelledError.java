package dev.asyncio4j;

/**
 * Python's {@code asyncio.CancelledError}: the operation was cancelled.
 *
 * <p>It extends {@link java.util.concurrent.CancellationException} so that kotlinx.coroutines and
 * {@link java.util.concurrent.CompletableFuture} both see it as cancellation. A Task receives it at its current
 * {@code await}; a body may catch it (and should re-throw it unless it means to refuse the cancellation).
 */
public class CancelledError extends java.util.concurrent.CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public CancelledError(String message) {
        super(message);
    }
}
