package dev.asyncio4j;

import java.util.Objects;

/**
 * What an {@link ExceptionHandler} is told about an error the loop could not hand to anyone (Python's exception
 * handler context dict).
 *
 * @param message what happened, for example {@code "Task exception was never retrieved"}
 * @param exception the error, or {@code null}
 * @param future the Future or Task concerned, or {@code null}
 * @param handle the callback concerned, or {@code null}
 */
public record ExceptionContext(String message, Throwable exception, Future<?> future, Handle handle) {
    /**
     * Validates the message.
     *
     * @param message what happened
     * @param exception the error, or {@code null}
     * @param future the Future or Task concerned, or {@code null}
     * @param handle the callback concerned, or {@code null}
     * @throws NullPointerException if {@code message} is null
     */
    public ExceptionContext {
        Objects.requireNonNull(message, "message");
    }

    /**
     * A context with a message and an exception only.
     *
     * @param message what happened
     * @param exception the error, or {@code null}
     * @return the context
     */
    public static ExceptionContext of(String message, Throwable exception) {
        return new ExceptionContext(message, exception, null, null);
    }
}
