package dev.asyncio4j;

/**
 * Python's {@code asyncio.InvalidStateError}: a Future or Task operation that its state forbids, such as
 * {@code setResult} on a finished Future or {@code result()} on a pending one.
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public InvalidStateError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
