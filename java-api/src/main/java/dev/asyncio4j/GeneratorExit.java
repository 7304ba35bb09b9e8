package dev.asyncio4j;

/**
 * Raised inside a {@link Generator} body at its paused {@code yield} when the generator is closed.
 * A body may run cleanup in {@code finally}, but must not yield again.
 */
public class GeneratorExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public GeneratorExit() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened and, where it helps, what to do instead
     */
    public GeneratorExit(String message) {
        super(message);
    }
}
