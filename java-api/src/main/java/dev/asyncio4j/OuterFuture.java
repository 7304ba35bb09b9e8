package dev.asyncio4j;

import dev.asyncio4j.internal.FutureBase;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Future a combinator returns when, as in CPython, cancelling it is a request the combinator handles
 * ({@code _GatheringFuture.cancel}, or the Task that runs {@code wait_for}): {@link #cancel(String)} passes the
 * request on to what the combinator waits for, and the Future finishes once that outcome is known. Everything else
 * is the one Future core ({@link FutureBase}); the combinator finishes it with {@link #finish}, {@link #fail},
 * {@link #finishCancelled} or {@link #completeLike}. A cancellation through {@link #toCompletableFuture()} is a request
 * too.
 *
 * <p>Loop-confined, like every Future: use it only from its loop's thread.
 *
 * @param <T> the result type
 */
abstract class OuterFuture<T> extends FutureBase<T> {
    OuterFuture(EventLoop loop) {
        super(loop);
    }

    /**
     * Passes a cancellation request on; called only while this Future is pending.
     *
     * @return whether the request was accepted, as {@code Future.cancel} reports it
     */
    abstract boolean requestCancel(String message);

    /**
     * Someone started waiting for this Future (a done-callback, which is how a Task awaits it, or a
     * CompletableFuture bridge). Called on the loop.
     */
    void onDemand() {
    }

    @Override
    public boolean cancel(String message) {
        internals.checkThread("cancel");
        if (isDone()) {
            return false;
        }
        return requestCancel(message);
    }

    @Override
    public void addDoneCallback(Consumer<? super Future<T>> cb) {
        super.addDoneCallback(cb);
        onDemand();
    }

    @Override
    public void addInternalCallback(Consumer<? super Future<T>> cb) {
        super.addInternalCallback(cb);
        onDemand();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        if (!isDone()) {
            if (onLoopThread()) {
                onDemand();
            } else {
                getLoop().callSoonThreadsafe(this::onDemand);
            }
        }
        return super.toCompletableFuture();
    }

    /** The combinator's outcome: a result. */
    final void finish(T result) {
        completeWithResult(result);
    }

    /** The combinator's outcome: a failure (a {@link CancelledError} too is stored as a failure, as in CPython). */
    final void fail(Throwable error) {
        completeWithException(error);
    }

    /** The combinator's outcome: cancelled. */
    final void finishCancelled(String message) {
        cancelFuture(message);
    }
}
