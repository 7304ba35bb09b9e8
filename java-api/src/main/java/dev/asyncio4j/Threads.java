package dev.asyncio4j;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** The thread-crossing helpers of {@link Asyncio}: Python's {@code run_coroutine_threadsafe} and {@code wrap_future}. */
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
                throw t;
            }
            task.addDoneCallback(t -> {
                if (t.isCancelled()) {
                    result.completeExceptionally(cancelledError(t));
                } else if (t.exception() != null) {
                    result.completeExceptionally(t.exception());
                } else {
                    result.complete(t.result());
                }
            });
            result.whenComplete((v, e) -> {
                if (result.isCancelled() && !loop.isClosed()) {
                    loop.callSoonThreadsafe(task::cancel);
                }
            });
        });
        return result;
    }

    static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(loop, "loop");
        Future<T> future = loop.createFuture();
        if (stage instanceof java.util.concurrent.Future<?> cancellable) {
            future.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    cancellable.cancel(false);
                }
            });
        }
        stage.whenComplete((value, error) -> {
            if (loop.isClosed()) {
                return;
            }
            loop.callSoonThreadsafe(() -> {
                if (future.isDone()) {
                    return;
                }
                Throwable cause = unwrap(error);
                if (cause == null) {
                    future.setResult(value);
                } else if (cause instanceof CancellationException) {
                    future.cancel(cause.getMessage());
                } else {
                    future.setException(cause);
                }
            });
        });
        return future;
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static CancelledError cancelledError(Future<?> cancelled) {
        try {
            cancelled.result();
        } catch (CancelledError e) {
            return e;
        }
        return new CancelledError();
    }
}
