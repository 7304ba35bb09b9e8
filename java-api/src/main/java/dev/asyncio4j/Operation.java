package dev.asyncio4j;

import dev.asyncio4j.internal.FutureBase;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The Future returned by a primitive's {@code async def} method: a small state machine written in continuation
 * style that behaves like the Task CPython would run the coroutine in. Everything a Future is comes from the one
 * Future core ({@link FutureBase}); this class adds only the stepping.
 *
 * <p>It steps exactly as {@code Task.__step} does: {@link #awaitThen} waits on an internal Future and runs the
 * continuation from that Future's done-callback; {@link #cancel(String)} is a request that cancels the Future being
 * waited on, or, when that one is already done, is thrown into the continuation as a {@link CancelledError} (the
 * continuation then passes the lock, permit or item on). The one departure from a Task is deliberate: this
 * Future's own callbacks run <em>in the same loop callback</em> as the step that finishes it, so an awaiting Task
 * resumes in the same iteration the CPython coroutine would, and nothing can cancel the awaiter between "the
 * operation succeeded" and "the awaiter saw it" (with an ordinary Future that window would swallow a lock).
 *
 * <p>Loop-confined, like every Future: use it only from its loop's thread.
 *
 * @param <T> the result type
 */
final class Operation<T> extends FutureBase<T> implements Consumer<Future<?>>, dev.asyncio4j.internal.AwaiterLink {
    /** What to do once an awaited Future is done: its value, or the exception it raised (cancellation included). */
    @FunctionalInterface
    interface Continuation<X> {
        void resume(X value, Throwable error);
    }

    private Future<?> waitingOn;
    private Continuation<Object> continuation;
    private boolean mustCancel;
    private String mustCancelMessage;
    private boolean stepping;
    /** Finished during a step: the callbacks run at the end of that step. */
    private boolean callbacksDeferred;

    Operation(EventLoop loop) {
        super(loop);
    }

    static <T> Operation<T> completed(EventLoop loop, T value) {
        Operation<T> op = new Operation<>(loop);
        op.finish(value);
        return op;
    }

    static <T> Operation<T> failed(EventLoop loop, Throwable error) {
        Operation<T> op = new Operation<>(loop);
        op.fail(error);
        return op;
    }

    /** What a primitive's waiter does once its turn came (or it was cancelled): {@code waiter} is already out of line. */
    @FunctionalInterface
    interface WaiterStep<T, W> {
        void resume(Operation<T> op, Future<W> waiter, Throwable error);
    }

    /**
     * The shape of every primitive's wait in CPython ({@code fut = create_future(); waiters.append(fut); try: await
     * fut; finally: waiters.remove(fut)}): a waiter Future joins {@code waiters}, and a new operation waits for it,
     * takes it out of line again, and continues with {@code k}.
     */
    static <T, W> Operation<T> waitInLine(EventLoop loop, java.util.Collection<Future<W>> waiters,
                                          WaiterStep<T, W> k) {
        Future<W> waiter = loop.createFuture();
        waiters.add(waiter);
        Operation<T> op = new Operation<>(loop);
        op.awaitThen(waiter, (v, error) -> {
            waiters.remove(waiter);
            k.resume(op, waiter, error);
        });
        return op;
    }

    // ------------------------------------------------------------------ stepping

    /**
     * Continues with {@code k} once {@code f} is done: at once when it already is (an {@code await} of a done
     * Future does not yield), else from its done-callback.
     */
    @SuppressWarnings("unchecked")
    <X> void awaitThen(Future<X> f, Continuation<? super X> k) {
        if (f.isDone()) {
            resumeWith((Future<Object>) f, (Continuation<Object>) k, null);
            return;
        }
        waitingOn = f;
        continuation = (Continuation<Object>) k;
        if (f instanceof FutureBase) {
            ((FutureBase<Object>) f).addInternalCallback(this);
        } else {
            ((Future<Object>) f).addDoneCallback(this);
        }
        if (mustCancel && f.cancel(mustCancelMessage)) {
            mustCancel = false;
        }
    }

    /** This operation awaits what it registered on (the call graph); whoever awaits it awaits that too. */
    @Override
    public Future<?> awaiter() {
        return this;
    }

    /** The awaited Future is done: one step, like {@code Task.__wakeup}. */
    @Override
    @SuppressWarnings("unchecked")
    public void accept(Future<?> f) {
        if (isDone() || f != waitingOn) {
            return;
        }
        Continuation<Object> k = continuation;
        waitingOn = null;
        continuation = null;
        CancelledError injected = null;
        if (mustCancel) {
            mustCancel = false;
            injected = new CancelledError(mustCancelMessage);
        }
        boolean outer = !stepping;
        stepping = true;
        try {
            resumeWith((Future<Object>) f, k, injected);
        } finally {
            if (outer) {
                stepping = false;
                if (callbacksDeferred) {
                    callbacksDeferred = false;
                    run();
                }
            }
        }
    }

    private void resumeWith(Future<Object> f, Continuation<Object> k, CancelledError injected) {
        Object v = null;
        Throwable e = injected;
        if (e == null) {
            try {
                v = f.result();
            } catch (CompletionException wrapped) {
                e = wrapped.getCause() != null ? wrapped.getCause() : wrapped;
            } catch (Throwable t) {
                e = t;
            }
        }
        try {
            k.resume(v, e);
        } catch (Throwable t) {
            if (!isDone()) {
                fail(t);
            } else {
                throw t;
            }
        }
    }

    void finish(T result) {
        waitingOn = null;
        continuation = null;
        completeWithResult(result);
    }

    /** Ends with an exception; a {@link CancellationException} ends it cancelled, as one escaping a Task does. */
    void fail(Throwable failure) {
        waitingOn = null;
        continuation = null;
        if (failure instanceof CancellationException) {
            if (isDone()) {
                throw new InvalidStateError("invalid state: " + this + " is already done");
            }
            cancelWith((CancellationException) failure);
            return;
        }
        completeWithException(failure);
    }

    @Override
    protected void dispatchCallbacks() {
        if (stepping) {
            callbacksDeferred = true;
        } else {
            super.dispatchCallbacks();
        }
    }

    // ------------------------------------------------------------------ Future

    /** A request, as {@code Task.cancel()}: the operation ends cancelled after its cleanup ran. */
    @Override
    public boolean cancel(String message) {
        internals.checkThread("cancel");
        if (isDone()) {
            return false;
        }
        Future<?> w = waitingOn;
        if (w != null && w.cancel(message)) {
            return true;
        }
        mustCancel = true;
        mustCancelMessage = message;
        return true;
    }

    @Override
    public void setResult(T v) {
        throw new UnsupportedOperationException("this Future is the result of a primitive's operation and finishes by "
                + "itself, like a Task: cancel() it instead");
    }

    @Override
    public void setException(Throwable e) {
        throw new UnsupportedOperationException("this Future is the result of a primitive's operation and finishes by "
                + "itself, like a Task: cancel() it instead");
    }
}
