package dev.asyncio4j;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The Future returned by a primitive's {@code async def} method: a small state machine written in continuation
 * style that behaves like the Task CPython would run the coroutine in.
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
final class Operation<T> implements Future<T>, Consumer<Future<?>> {
    /** What to do once an awaited Future is done: its value, or the exception it raised (cancellation included). */
    @FunctionalInterface
    interface Continuation<X> {
        void resume(X value, Throwable error);
    }

    private static final int PENDING = 0;
    private static final int FINISHED = 1;
    private static final int CANCELLED = 2;

    private final EventLoop loop;
    private volatile int state = PENDING;
    private T value;
    private Throwable error;
    private CancellationException cancellation;

    private Future<?> waitingOn;
    private Continuation<Object> continuation;
    private boolean mustCancel;
    private String mustCancelMessage;
    private boolean stepping;

    private ArrayList<Consumer<? super Future<T>>> callbacks;
    private volatile CompletableFuture<T> bridge;
    /** Carries a failure to the loop's "exception was never retrieved" report. */
    private Future<Object> report;

    Operation(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
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
        ((Future<Object>) f).addDoneCallback(this);
        if (mustCancel && f.cancel(mustCancelMessage)) {
            mustCancel = false;
        }
    }

    /** The awaited Future is done: one step, like {@code Task.__wakeup}. */
    @Override
    @SuppressWarnings("unchecked")
    public void accept(Future<?> f) {
        if (state != PENDING || f != waitingOn) {
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
                if (state != PENDING) {
                    runCallbacks();
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
            if (state == PENDING) {
                fail(t);
            } else {
                throw t;
            }
        }
    }

    void finish(T result) {
        if (state != PENDING) {
            throw new InvalidStateError("operation already done: " + this);
        }
        value = result;
        complete(FINISHED);
    }

    /** Ends with an exception; a {@link CancellationException} ends it cancelled, as one escaping a Task does. */
    void fail(Throwable failure) {
        if (state != PENDING) {
            throw new InvalidStateError("operation already done: " + this);
        }
        if (failure instanceof CancellationException) {
            cancellation = (CancellationException) failure;
            complete(CANCELLED);
            return;
        }
        error = failure;
        try {
            report = loop.createFuture();
            report.setException(failure);
        } catch (RuntimeException notReportable) {
            report = null;
        }
        complete(FINISHED);
    }

    private void complete(int finalState) {
        waitingOn = null;
        continuation = null;
        state = finalState;
        CompletableFuture<T> cf = bridge;
        if (cf != null) {
            completeBridge(cf);
        }
        if (!stepping && callbacks != null) {
            loop.callSoon(this::runCallbacks);
        }
    }

    private void runCallbacks() {
        ArrayList<Consumer<? super Future<T>>> cbs = callbacks;
        callbacks = null;
        if (cbs == null) {
            return;
        }
        for (Consumer<? super Future<T>> cb : cbs) {
            try {
                cb.accept(this);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                loop.callExceptionHandler(new ExceptionContext("Exception in callback " + cb + " of " + this, t, this,
                        null));
            }
        }
    }

    // ------------------------------------------------------------------ Future

    @Override
    public boolean isDone() {
        return state != PENDING;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T result() {
        switch (state) {
            case PENDING:
                throw new InvalidStateError("Result is not ready: the operation is still pending; await it first");
            case CANCELLED:
                throw cancelledError();
            default:
                break;
        }
        markRetrieved();
        Throwable e = error;
        if (e == null) {
            return value;
        }
        throw Combinators.rethrow(e);
    }

    @Override
    public Throwable exception() {
        switch (state) {
            case PENDING:
                throw new InvalidStateError("Exception is not set: the operation is still pending; await it first");
            case CANCELLED:
                throw cancelledError();
            default:
                break;
        }
        markRetrieved();
        return error;
    }

    private void markRetrieved() {
        Future<Object> r = report;
        if (r != null) {
            report = null;
            r.exception();
        }
    }

    private CancellationException cancelledError() {
        CancellationException c = cancellation;
        return c != null ? c : new CancelledError();
    }

    @Override
    public boolean cancel() {
        return cancel(null);
    }

    /** A request, as {@code Task.cancel()}: the operation ends cancelled after its cleanup ran. */
    @Override
    public boolean cancel(String message) {
        checkThread("cancel");
        if (state != PENDING) {
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

    @Override
    public void addDoneCallback(Consumer<? super Future<T>> cb) {
        Objects.requireNonNull(cb, "callback");
        checkThread("addDoneCallback");
        if (state != PENDING) {
            loop.callSoon(() -> cb.accept(this));
            return;
        }
        if (callbacks == null) {
            callbacks = new ArrayList<>(2);
        }
        callbacks.add(cb);
    }

    @Override
    public int removeDoneCallback(Consumer<? super Future<T>> cb) {
        ArrayList<Consumer<? super Future<T>>> cbs = callbacks;
        if (cbs == null) {
            return 0;
        }
        int before = cbs.size();
        cbs.removeIf(c -> c.equals(cb));
        return before - cbs.size();
    }

    /** The loop's own rule for its Futures: while it runs, only its thread (and its coroutine bodies) may mutate. */
    private void checkThread(String method) {
        if (loop.isRunning() && Asyncio.runtime().runningLoop() != loop) {
            throw new IllegalStateException(method + "() called from thread '" + Thread.currentThread().getName()
                    + "', which is not running this Future's event loop: use loop.callSoonThreadsafe(...) or "
                    + "future.toCompletableFuture()");
        }
    }

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = bridge;
        if (cf != null) {
            return cf;
        }
        synchronized (this) {
            cf = bridge;
            if (cf != null) {
                return cf;
            }
            cf = new CompletableFuture<>();
            bridge = cf;
        }
        CompletableFuture<T> created = cf;
        created.whenComplete((v, e) -> {
            if (created.isCancelled() && state == PENDING && !loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> cancel());
                } catch (IllegalStateException closed) {
                    // the loop closed meanwhile: nothing left to cancel
                }
            }
        });
        if (state != PENDING) {
            completeBridge(created);
        }
        return created;
    }

    private void completeBridge(CompletableFuture<T> cf) {
        if (state == CANCELLED) {
            cf.completeExceptionally(cancelledError());
        } else if (error != null) {
            markRetrieved();
            cf.completeExceptionally(error);
        } else {
            cf.complete(value);
        }
    }

    @Override
    public String toString() {
        switch (state) {
            case PENDING:
                return "<Future pending>";
            case CANCELLED:
                return "<Future cancelled>";
            default:
                return error != null ? "<Future finished exception=" + error + ">"
                        : "<Future finished result=" + value + ">";
        }
    }
}
