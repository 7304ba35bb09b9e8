package dev.asyncio4j.internal;

import java.util.concurrent.CompletionException;

/**
 * The rethrow rule of {@code Asyncio.await}, {@code Future.result()} and {@code runUntilComplete} (see the
 * {@code dev.asyncio4j} package documentation): a stored unchecked exception is thrown as it is, a checked one
 * wrapped in {@link CompletionException} whose cause is the original. Stateless and thread-safe.
 */
public final class RethrowRule {
    private RethrowRule() {
    }

    /**
     * What the rule throws for {@code error}.
     *
     * @param error the stored exception
     * @return {@code error} itself when unchecked, else a {@link CompletionException} around it
     */
    public static Throwable rethrowable(Throwable error) {
        if (error instanceof RuntimeException || error instanceof Error) {
            return error;
        }
        return new CompletionException(error);
    }

    /**
     * Throws {@code error} by the rule. Declared to return so that callers can write {@code throw rethrow(e);}.
     *
     * @param error the stored exception
     * @return never returns
     */
    public static RuntimeException rethrow(Throwable error) {
        if (error instanceof RuntimeException) {
            throw (RuntimeException) error;
        }
        if (error instanceof Error) {
            throw (Error) error;
        }
        throw new CompletionException(error);
    }
}
