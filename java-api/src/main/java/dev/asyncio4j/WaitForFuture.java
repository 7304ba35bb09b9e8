package dev.asyncio4j;

import dev.asyncio4j.internal.FutureBase;
import java.util.Objects;

/**
 * Python 3.12's {@code asyncio.wait_for} as a Future: it finishes like the inner Future, unless the timeout passes
 * first. Then the inner Future is cancelled and, once its cancellation is done, this one fails with
 * {@link TimeoutError} (whose cause is the inner {@link CancelledError}). An inner result that arrives in spite of
 * the cancellation (a Task that caught it) is returned, not lost; so is one that is already set when the timer fires.
 * Cancelling this Future is a request passed to the inner Future; it ends in {@link CancelledError} even if the
 * timeout passed too.
 *
 * @param <T> the result type
 */
final class WaitForFuture<T> extends OuterFuture<T> {
    private final Future<T> inner;
    private TimerHandle timeoutHandle;
    /** The timeout cancelled the inner Future. */
    private boolean expired;
    /** This Future was asked to cancel. */
    private boolean cancelRequested;
    /** Asked to cancel when the inner Future was already done: the request wins over its outcome (a Task's must_cancel). */
    private boolean mustCancel;

    private WaitForFuture(Future<T> inner) {
        super(inner.getLoop());
        this.inner = inner;
    }

    static <T> Future<T> waitFor(Future<T> inner, Double timeout) {
        Objects.requireNonNull(inner, "f");
        Combinators.checkTimeout(timeout, "waitFor");
        WaitForFuture<T> outer = new WaitForFuture<>(inner);
        if (inner.isDone()) {
            // "return await fut" returns at once, and so does a non-positive timeout on a finished Future.
            outer.completeLike(inner);
            return outer;
        }
        if (timeout != null) {
            if (timeout <= 0) {
                outer.expired = true;
                inner.cancel();
            } else {
                outer.timeoutHandle = inner.getLoop().callLater(timeout, outer::onTimeout);
            }
        }
        inner.addDoneCallback(dev.asyncio4j.internal.AwaiterLink.link(outer, outer::onInnerDone));
        return outer;
    }

    private void onTimeout() {
        timeoutHandle = null;
        if (isDone() || inner.isDone()) {
            return; // the outcome is already there: it wins over the timeout
        }
        expired = true;
        inner.cancel();
    }

    private void onInnerDone(Future<T> f) {
        if (timeoutHandle != null) {
            timeoutHandle.cancel();
            timeoutHandle = null;
        }
        if (isDone()) {
            if (!f.isCancelled()) {
                f.exception(); // seen here: not "never retrieved"
            }
            return;
        }
        if (f.isCancelled()) {
            CancelledError cancelled = FutureBase.cancelledErrorOf(f);
            if (expired && !cancelRequested) {
                fail(new TimeoutError("waitFor() timed out: the Future was cancelled", cancelled));
            } else {
                finishCancelled(cancelled.getMessage());
            }
            return;
        }
        if (mustCancel) {
            // Like a Task asked to cancel while the Future it awaits was finishing: the request wins.
            finishCancelled(null);
            f.exception();
            return;
        }
        completeLike(f);
    }

    @Override
    boolean requestCancel(String message) {
        cancelRequested = true;
        if (!inner.cancel(message)) {
            mustCancel = true;
        }
        return true;
    }
}
