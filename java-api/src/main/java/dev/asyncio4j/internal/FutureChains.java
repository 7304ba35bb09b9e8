package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * CPython's {@code futures._chain_future}: a future on one side of a thread boundary that completes like one on the
 * other side, and a cancellation that crosses back. The one algorithm behind Java's
 * {@code Asyncio.runCoroutineThreadsafe} / {@code wrapFuture} and Kotlin's {@code runCoroutineThreadsafe} /
 * {@code Deferred.asFuture}; each language supplies only how its Task is created or how its foreign future reports
 * completion.
 *
 * <p><b>Thread-safety.</b> {@link #runOnLoop} and {@link #completeFromAnyThread} are thread-safe;
 * {@link #loopFuture} is called on the loop's thread (or while the loop does not run).
 */
public final class FutureChains {
    private FutureChains() {
    }

    /**
     * Python's {@code run_coroutine_threadsafe}: on a later iteration of {@code loop}, {@code createTask} makes a
     * Task, and the returned future completes like it (its result, its exception, or a {@link dev.asyncio4j.CancelledError}).
     * Cancelling the returned future cancels the Task on its loop; cancelled before the loop got to it, the Task is
     * never created. A failure of {@code createTask} fails the returned future and goes to the loop's exception
     * handler too.
     *
     * @param loop the loop, usually running in another thread
     * @param createTask creates the Task, on the loop
     * @param <T> the result type
     * @return the future of the Task's outcome
     * @throws IllegalStateException when the loop is closed
     */
    public static <T> CompletableFuture<T> runOnLoop(EventLoop loop, Supplier<? extends Task<T>> createTask) {
        Objects.requireNonNull(loop, "loop");
        CompletableFuture<T> result = loop instanceof LoopInternals internals
                ? new LoopWaitingFuture<>(internals) : new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return; // cancelled before the loop got to it: never start the coroutine
            }
            Task<T> task;
            try {
                task = createTask.get();
            } catch (Throwable t) {
                result.completeExceptionally(t);
                throw t; // and, as in CPython, to the loop's exception handler
            }
            task.addDoneCallback(done -> copyInto(done, result));
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
            target.completeExceptionally(FutureBase.cancelledErrorOf(done));
        } else if (done.exception() != null) {
            target.completeExceptionally(done.exception());
        } else {
            target.complete(done.result());
        }
    }

    /**
     * A Future of {@code loop} that a foreign future will complete through {@link #completeFromAnyThread};
     * cancelling it runs {@code cancelSource} (on the loop).
     *
     * @param loop the loop
     * @param cancelSource cancels the foreign future, or {@code null} when it cannot be cancelled
     * @param <T> the result type
     * @return the Future
     */
    public static <T> Future<T> loopFuture(EventLoop loop, Runnable cancelSource) {
        Future<T> future = loop.createFuture();
        if (cancelSource != null) {
            future.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    cancelSource.run();
                }
            });
        }
        return future;
    }

    /**
     * Completes {@code future} (a {@link #loopFuture}) like the foreign future that just completed, on a later
     * iteration of its loop: the value, the failure unwrapped from {@link CompletionException} /
     * {@link ExecutionException}, or a cancellation. Dropped when the Future is already done (cancelled from the loop
     * side first) or the loop is closed.
     *
     * @param loop the Future's loop
     * @param future the Future
     * @param value the foreign future's value
     * @param error its failure, or {@code null}
     * @param <T> the result type
     */
    public static <T> void completeFromAnyThread(EventLoop loop, Future<T> future, T value, Throwable error) {
        callSoonThreadsafeIfOpen(loop, () -> {
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
