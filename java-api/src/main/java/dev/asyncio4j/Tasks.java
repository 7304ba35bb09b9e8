package dev.asyncio4j;

import java.util.Collection;
import java.util.List;

/** Python's {@code asyncio.tasks} combinators. Filled in by the combinators issue (#3). */
final class Tasks {
    private Tasks() {
    }

    private static UnsupportedOperationException missing(String what) {
        return new UnsupportedOperationException(what + " is not implemented yet (issue #3)");
    }

    static <T> Future<List<T>> gather(Collection<? extends Future<? extends T>> fs) {
        throw missing("gather");
    }

    static Future<List<Object>> gatherReturnExceptions(Collection<? extends Future<?>> fs) {
        throw missing("gatherReturnExceptions");
    }

    static <T> Future<WaitResult<T>> wait(Collection<? extends Future<? extends T>> fs, Double timeout,
                                          ReturnWhen returnWhen) {
        throw missing("wait");
    }

    static <T> Future<T> waitFor(Future<T> f, Double timeout) {
        throw missing("waitFor");
    }

    static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs, Double timeout) {
        throw missing("asCompleted");
    }

    static <T> Future<T> shield(Future<T> f) {
        throw missing("shield");
    }
}
