package dev.asyncio4j;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The thread-crossing helpers of {@link Asyncio}: Python's {@code run_coroutine_threadsafe} and {@code wrap_future}
 * (both built, like CPython's, on chaining two futures that live on different sides of a thread boundary).
 */
final class Threads {
    private Threads() {
    }

    static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        Objects.requireNonNull(coro, "coro");
        Objects.requireNonNull(loop, "loop");
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return; // cancelled before the loop got to it: never start the coroutine
            }
            Task<T> task;
            try {
                task = loop.createTask(coro);
            } catch (Throwable t) {
                result.completeExceptionally(t);
                throw t; // and, as in CPython, to the loop's exception handler
            }
            task.addDoneCallback(t -> copyInto(t, result));
            result.whenComplete((v, e) -> {
                if (result.isCancelled() && !task.isDone()) {
                    callSoonThreadsafeIfOpen(loop, task::cancel);
                }
            });
        });
        return result;
    }

    private static <T> void copyInto(Future<T> done, CompletableFuture<T> target) {
        if (target.isDone()) {
            return;
        }
        if (done.isCancelled()) {
            target.completeExceptionally(Combinators.cancelledError(done));
        } else if (done.exception() != null) {
            target.completeExceptionally(done.exception());
        } else {
            target.complete(done.result());
        }
    }

    static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(loop, "loop");
        Future<T> future = loop.createFuture();
        if (stage instanceof java.util.concurrent.Future<?> cancellable) {
            future.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    cancelSource(cancellable);
                }
            });
        }
        stage.whenComplete((value, error) -> callSoonThreadsafeIfOpen(loop, () -> {
            if (future.isDone()) {
                return; // cancelled from the loop side first
            }
            Throwable cause = unwrap(error);
            if (cause == null) {
                future.setResult(value);
            } else if (cause instanceof CancellationException) {
                future.cancel(cause.getMessage());
            } else {
                future.setException(cause);
            }
        }));
        return future;
    }

    private static void cancelSource(java.util.concurrent.Future<?> source) {
        try {
            source.cancel(false);
        } catch (UnsupportedOperationException notCancellable) {
            // a minimal CompletionStage cannot be cancelled from outside: its result is simply ignored
        }
    }

    /** Like CPython's {@code _chain_future}: once the loop is closed there is no one left to tell. */
    private static void callSoonThreadsafeIfOpen(EventLoop loop, Runnable r) {
        if (loop.isClosed()) {
            return;
        }
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException closedMeanwhile) {
            if (!loop.isClosed()) {
                throw closedMeanwhile;
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
