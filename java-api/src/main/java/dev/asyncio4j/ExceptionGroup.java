package dev.asyncio4j;

import java.util.List;
import java.util.Objects;

/**
 * Python's {@code ExceptionGroup}: the failures of a {@linkplain Asyncio#taskGroup task group} raised together,
 * however many there are — a single failed child (or a failed body) is wrapped too, as in CPython, so catch
 * {@code ExceptionGroup} and look at {@link #exceptions()}. The first failure is also the
 * {@linkplain #getCause() cause}; the others are attached as {@linkplain #getSuppressed() suppressed} exceptions so
 * that a stack trace shows all of them.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failures, in the order given; serialized with the group. */
    private final List<Throwable> exceptions;

    /**
     * Creates a group.
     *
     * @param message what failed, for example {@code "unhandled errors in a TaskGroup"}
     * @param exceptions the failures, at least one, none null
     */
    @SuppressWarnings("this-escape") // addSuppressed is final in Throwable and calls nothing a subclass overrides
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + Objects.requireNonNull(exceptions, "exceptions").size() + " sub-exception"
                + (exceptions.size() == 1 ? "" : "s") + ")", exceptions.isEmpty() ? null : exceptions.get(0));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (int i = 1; i < this.exceptions.size(); i++) {
            addSuppressed(this.exceptions.get(i));
        }
    }

    /**
     * The failures, in the order they happened.
     *
     * @return an unmodifiable list of at least one exception
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
