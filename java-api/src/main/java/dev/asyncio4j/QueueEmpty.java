package dev.asyncio4j;

/**
 * Thrown by {@link Queue#getNowait()} when the queue holds no item.
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public QueueEmpty() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public QueueEmpty(String message) {
        super(message);
    }
}
