package dev.asyncio4j;

import java.util.Collection;
import java.util.List;

/**
 * Python's {@code asyncio.tasks} combinators, built as CPython builds them: on Futures, done-callbacks and the
 * loop's timers, so none of them needs a Task (or a coroutine thread) of its own. Each lives in its own class.
 */
final class Tasks {
    private Tasks() {
    }

    static <T> Future<List<T>> gather(Collection<? extends Future<? extends T>> fs) {
        return GatheringFuture.gather(fs, false);
    }

    static Future<List<Object>> gatherReturnExceptions(Collection<? extends Future<?>> fs) {
        return GatheringFuture.gather(fs, true);
    }

    static <T> Future<WaitResult<T>> wait(Collection<? extends Future<? extends T>> fs, Double timeout,
                                          ReturnWhen returnWhen) {
        return Waits.wait(fs, timeout, returnWhen);
    }

    static <T> Future<T> waitFor(Future<T> f, Double timeout) {
        return WaitForFuture.waitFor(f, timeout);
    }

    static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs, Double timeout) {
        return AsCompleted.asCompleted(fs, timeout);
    }

    static <T> Future<T> shield(Future<T> f) {
        return Shields.shield(f);
    }
}
