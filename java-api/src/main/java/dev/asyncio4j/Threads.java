package dev.asyncio4j;

import dev.asyncio4j.internal.FutureChains;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The thread-crossing helpers of {@link Asyncio}: Python's {@code run_coroutine_threadsafe} and {@code wrap_future}.
 * The rule is {@link FutureChains} (shared with Kotlin's {@code runCoroutineThreadsafe} and
 * {@code Deferred.asFuture}); this class supplies the Java Task and the JDK future's completion.
 */
final class Threads {
    private Threads() {
    }

    static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        Objects.requireNonNull(coro, "coro");
        Objects.requireNonNull(loop, "loop");
        return FutureChains.runOnLoop(loop, () -> loop.createTask(coro));
    }

    static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(loop, "loop");
        Runnable cancelSource = null;
        if (stage instanceof java.util.concurrent.Future<?> cancellable) {
            cancelSource = () -> cancelSource(cancellable);
        }
        Future<T> future = FutureChains.loopFuture(loop, cancelSource);
        stage.whenComplete((value, error) -> FutureChains.completeFromAnyThread(loop, future, value, error));
        return future;
    }

    private static void cancelSource(java.util.concurrent.Future<?> source) {
        try {
            source.cancel(false);
        } catch (UnsupportedOperationException notCancellable) {
            // a minimal CompletionStage cannot be cancelled from outside: its result is simply ignored
        }
    }
}
