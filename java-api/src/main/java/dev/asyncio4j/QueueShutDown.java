package dev.asyncio4j;

/**
 * Thrown by a {@link Queue} operation after {@link Queue#shutdown()} (Python 3.13's {@code QueueShutDown}).
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public QueueShutDown() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public QueueShutDown(String message) {
        super(message);
    }
}
