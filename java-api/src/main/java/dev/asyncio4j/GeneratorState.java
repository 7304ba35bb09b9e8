package dev.asyncio4j;

/** The states of a {@link Generator}, as Python's {@code inspect.getgeneratorstate}. */
public enum GeneratorState {
    /** Not started yet: the first call must be {@code send(null)} or {@code next()}. */
    CREATED,
    /** Its body is running (a call from inside the body into the same generator is an error). */
    RUNNING,
    /** Paused at a {@code yield}. */
    SUSPENDED,
    /** Finished: returned, raised, or closed. */
    CLOSED
}
