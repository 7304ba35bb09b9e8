package dev.asyncio4j;

/**
 * Thrown by {@link Generator#send(Object)} and {@link Generator#next()} when the generator has finished.
 */
public class StopIteration extends java.util.NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public StopIteration() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public StopIteration(String message) {
        super(message);
    }
}
