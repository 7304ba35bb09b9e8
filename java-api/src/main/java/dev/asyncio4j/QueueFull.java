package dev.asyncio4j;

/**
 * Thrown by {@link Queue#putNowait(Object)} when the queue holds {@code maxsize} items.
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public QueueFull() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public QueueFull(String message) {
        super(message);
    }
}
