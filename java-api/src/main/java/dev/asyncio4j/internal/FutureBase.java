package dev.asyncio4j.internal;

import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.InvalidStateError;
import dev.asyncio4j.StopIteration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one Future core of the SDK — CPython's {@code asyncio.Future} — that every Future and Task extends (Vert.x's
 * {@code FutureBase}, Netty's {@code DefaultPromise}): the plain loop Future, the runtime's Tasks and sleeps, the
 * primitives' operations and the combinators' Futures. Not for users: program against {@link Future}.
 *
 * <p><b>Thread-safety.</b> {@link #isDone()}, {@link #isCancelled()} and {@link #toCompletableFuture()} are
 * thread-safe (the state and the bridge are volatile). Everything else is confined to the loop: while the loop
 * runs, the mutators ({@code setResult}, {@code setException}, {@code cancel}, {@code addDoneCallback},
 * {@code removeDoneCallback}) refuse other threads through the loop's one thread rule
 * ({@link LoopInternals#checkThread}).
 *
 * <p><b>Cancellation.</b> {@link #cancel(String)} finishes a plain Future at once. A subclass whose cancellation is a
 * request (a Task, a primitive's operation, a combinator) overrides it and finishes later through
 * {@link #cancelFuture(String)} or {@link #cancelWith(CancellationException)}.
 *
 * <p><b>Callbacks.</b> When it finishes, the Future schedules <em>itself</em> on the loop as one Runnable
 * ({@link #run()}) that runs every callback registered so far, in order: the same order as CPython's one
 * {@code call_soon} per callback, without an allocation per callback. A failing callback goes to the loop's
 * exception handler; a {@link VirtualMachineError} escapes to the loop's runner (as CPython lets
 * {@code SystemExit} escape) after the callbacks behind it were scheduled again, so nobody waiting is forgotten.
 *
 * @param <T> the result type
 */
public class FutureBase<T> implements Future<T>, Runnable {
    private static final int PENDING = 0;
    private static final int FINISHED = 1;
    private static final int CANCELLED = 2;

    /** The loop, with the runtime's side of it. */
    protected final LoopInternals internals;

    /** PENDING (0, the default: no volatile write at construction), FINISHED or CANCELLED. */
    private volatile int state;
    private T value;
    private Throwable error;
    private String cancelMessage;
    /** The CancellationException that cancelled a Task or an operation, re-thrown so its message and trace survive. */
    private CancellationException cancelCause;

    /** Callbacks not yet scheduled: the first one in a field, since most Futures have exactly one waiter. */
    private Consumer<? super Future<T>> firstCallback;
    private ArrayList<Consumer<? super Future<T>>> moreCallbacks;
    /** Callbacks taken at completion, run by {@link #run()}. */
    private Consumer<? super Future<T>> scheduledFirst;
    private ArrayList<Consumer<? super Future<T>>> scheduledMore;

    private UnretrievedErrors.Report report;
    private volatile CompletableFuture<T> bridge;

    /**
     * A pending Future of {@code loop}.
     *
     * @param loop an SDK loop
     * @throws IllegalArgumentException for a loop of another implementation
     */
    public FutureBase(EventLoop loop) {
        this.internals = LoopInternals.of(loop);
    }

    // ------------------------------------------------------------------ reading

    @Override
    public final boolean isDone() {
        return state != PENDING;
    }

    @Override
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    @Override
    public final T result() {
        int s = state;
        if (s == PENDING) {
            throw new InvalidStateError("Result is not ready: the Future is still pending; await it first");
        }
        if (s == CANCELLED) {
            throw makeCancelledError();
        }
        markRetrieved();
        Throwable e = error;
        if (e == null) {
            return value;
        }
        throw RethrowRule.rethrow(e);
    }

    @Override
    public final Throwable exception() {
        int s = state;
        if (s == PENDING) {
            throw new InvalidStateError("Exception is not set: the Future is still pending; await it first");
        }
        if (s == CANCELLED) {
            throw makeCancelledError();
        }
        markRetrieved();
        return error;
    }

    /**
     * What an awaiting coroutine receives as a failure: the stored exception as it was set (never wrapped), a
     * {@link CancelledError} when cancelled, or {@code null} after a result (then read it with {@link #result()}).
     * Marks the exception retrieved.
     *
     * @return the failure, or {@code null}
     * @throws InvalidStateError while pending
     */
    public final Throwable outcomeError() {
        int s = state;
        if (s == FINISHED) {
            markRetrieved();
            return error;
        }
        if (s == CANCELLED) {
            return makeCancelledError();
        }
        throw new InvalidStateError("the Future is still pending: await it first");
    }

    /**
     * The stored exception without marking it retrieved.
     *
     * @return the exception, or {@code null} when pending, cancelled or successful
     */
    public final Throwable peekException() {
        return state == FINISHED ? error : null;
    }

    /**
     * The {@link CancelledError} a cancelled Future raises: the one that cancelled it when there is one (a Task's
     * body let it escape), else a new one with the cancel message.
     *
     * @return the error
     */
    public final CancelledError makeCancelledError() {
        CancellationException c = cancelCause;
        if (c instanceof CancelledError) {
            return (CancelledError) c;
        }
        return new CancelledError(cancelMessage != null ? cancelMessage : c != null ? c.getMessage() : null);
    }

    /**
     * The {@link CancelledError} a cancelled Future raises, its message and (for a Task) its trace kept.
     *
     * @param cancelled a cancelled Future
     * @return the error
     */
    public static CancelledError cancelledErrorOf(Future<?> cancelled) {
        if (cancelled instanceof FutureBase) {
            return ((FutureBase<?>) cancelled).makeCancelledError();
        }
        try {
            cancelled.exception();
        } catch (CancelledError e) {
            return e;
        }
        return new CancelledError();
    }

    private void markRetrieved() {
        UnretrievedErrors.Report r = report;
        if (r != null) {
            report = null;
            r.retrieved();
        }
    }

    @Override
    public final EventLoop getLoop() {
        return internals;
    }

    // ------------------------------------------------------------------ completing

    @Override
    public void setResult(T result) {
        internals.checkThread("setResult");
        completeWithResult(result);
    }

    @Override
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "error");
        internals.checkThread("setException");
        completeWithException(exception);
    }

    @Override
    public final boolean cancel() {
        return cancel(null);
    }

    @Override
    public boolean cancel(String message) {
        internals.checkThread("cancel");
        return cancelFuture(message);
    }

    /**
     * Finishes with a result, on the loop, with no thread check.
     *
     * @param result the result
     * @throws InvalidStateError if already done
     */
    protected final void completeWithResult(T result) {
        if (state != PENDING) {
            throw alreadyDone();
        }
        value = result;
        state = FINISHED;
        scheduleCallbacks();
    }

    /**
     * Finishes with an exception, on the loop, with no thread check; the failure is tracked until retrieved.
     *
     * @param exception the failure (a CancelledError too is stored as a failure, as in CPython)
     * @throws InvalidStateError if already done
     * @throws IllegalArgumentException for a {@link StopIteration}
     */
    protected final void completeWithException(Throwable exception) {
        if (state != PENDING) {
            throw alreadyDone();
        }
        if (exception instanceof StopIteration) {
            throw new IllegalArgumentException("StopIteration interacts badly with generators and cannot be raised "
                    + "into a Future");
        }
        error = exception;
        state = FINISHED;
        report = internals.unretrievedErrors().track(this, exception);
        scheduleCallbacks();
    }

    /**
     * Finishes cancelled, on the loop, with no thread check: the Future's own cancellation, which a subclass whose
     * {@link #cancel(String)} is a request calls once the request has been carried out.
     *
     * @param message the message the {@link CancelledError} carries, or {@code null}
     * @return {@code false} if already done
     */
    protected boolean cancelFuture(String message) {
        if (state != PENDING) {
            return false;
        }
        cancelMessage = message;
        state = CANCELLED;
        scheduleCallbacks();
        return true;
    }

    /**
     * Finishes cancelled by a {@link CancellationException} that escaped a body; {@link #result()} re-throws it (as
     * a {@link CancelledError}).
     *
     * @param cause the escaped exception
     */
    protected final void cancelWith(CancellationException cause) {
        cancelCause = cause;
        cancelFuture(cause.getMessage());
    }

    /**
     * Finishes like {@code done} (CPython's {@code _copy_future_state}): its result, its exception, or cancelled
     * with its message. For the SDK's combinators, on the loop: no thread check, and a cancellation here is the
     * Future's own (never a request).
     *
     * @param done a done Future
     * @throws InvalidStateError if this Future is already done
     */
    public final void completeLike(Future<? extends T> done) {
        if (done.isCancelled()) {
            cancelFuture(cancelledErrorOf(done).getMessage());
            return;
        }
        Throwable e = done.exception();
        if (e != null) {
            completeWithException(e);
        } else {
            completeWithResult(done.result());
        }
    }

    private InvalidStateError alreadyDone() {
        return new InvalidStateError("invalid state: " + this + " is already done");
    }

    private void scheduleCallbacks() {
        Consumer<? super Future<T>> first = firstCallback;
        if (first != null) {
            scheduledFirst = first;
            scheduledMore = moreCallbacks;
            firstCallback = null;
            moreCallbacks = null;
            dispatchCallbacks();
        } else if (bridge != null) {
            dispatchCallbacks();
        }
        onDone();
    }

    /**
     * Schedules {@link #run()} on the loop. An operation that finishes in the middle of its own step overrides it to
     * run its callbacks at the end of that step instead.
     */
    protected void dispatchCallbacks() {
        internals.enqueue(this);
    }

    /** Runs synchronously at completion, before any callback: bookkeeping only, no user code. */
    protected void onDone() {
    }

    /**
     * Runs the callbacks taken at completion (and completes the CompletableFuture bridge). Called by the loop.
     */
    @Override
    public final void run() {
        CompletableFuture<T> cf = bridge;
        if (cf != null) {
            completeBridge(cf);
        }
        Consumer<? super Future<T>> first = scheduledFirst;
        if (first == null) {
            return;
        }
        ArrayList<Consumer<? super Future<T>>> more = scheduledMore;
        scheduledFirst = null;
        scheduledMore = null;
        int next = 0;
        try {
            invokeCallback(first);
            if (more != null) {
                while (next < more.size()) {
                    if (internals.handingOff()) {
                        // A Java Task's step runs before the callbacks behind its wake-up, as if run inline.
                        keepCallbacksFrom(more, next);
                        internals.runNextAfterHandOff(this);
                        return;
                    }
                    invokeCallback(more.get(next++));
                }
            }
        } catch (VirtualMachineError fatal) {
            scheduleAgain(more, next);
            throw fatal;
        }
    }

    /** The callbacks behind one that threw a VirtualMachineError run on a later turn, when the loop runs again. */
    private void scheduleAgain(ArrayList<Consumer<? super Future<T>>> more, int from) {
        if (more == null || from >= more.size()) {
            return;
        }
        keepCallbacksFrom(more, from);
        internals.enqueue(this);
    }

    /** The callbacks of {@code more} from {@code from} on (at least one) become the ones the next {@link #run} runs. */
    private void keepCallbacksFrom(ArrayList<Consumer<? super Future<T>>> more, int from) {
        ArrayList<Consumer<? super Future<T>>> rest = new ArrayList<>(more.subList(from, more.size()));
        scheduledFirst = rest.remove(0);
        scheduledMore = rest;
    }

    private void invokeCallback(Consumer<? super Future<T>> cb) {
        try {
            cb.accept(this);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            internals.callExceptionHandler(new ExceptionContext("Exception in callback " + cb + " of " + this, t,
                    this, null));
        }
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    public void addDoneCallback(Consumer<? super Future<T>> cb) {
        Objects.requireNonNull(cb, "callback");
        internals.checkThread("addDoneCallback");
        if (state != PENDING) {
            internals.callSoon(() -> cb.accept(this));
            return;
        }
        // CPython's add_done_callback: the callback runs in (a copy of) the context current now.
        addCallback(internals instanceof ContextHost ? Contexts.bindToCurrent((ContextHost) internals, cb) : cb);
    }

    /**
     * {@link #addDoneCallback} for the runtime's own callbacks (a Task's wake-up, a primitive's step), on the loop's
     * thread: no checks, no Handle.
     *
     * @param cb the callback
     */
    public void addInternalCallback(Consumer<? super Future<T>> cb) {
        if (state != PENDING) {
            internals.enqueue(() -> cb.accept(this));
            return;
        }
        addCallback(cb);
    }

    private void addCallback(Consumer<? super Future<T>> cb) {
        if (firstCallback == null) {
            firstCallback = cb;
        } else {
            ArrayList<Consumer<? super Future<T>>> list = moreCallbacks;
            if (list == null) {
                list = new ArrayList<>(4);
                moreCallbacks = list;
            }
            list.add(cb);
        }
    }

    /**
     * The callbacks registered and not yet scheduled, in registration order: how the call graph finds who awaits
     * this Future ({@link AwaiterLink}). A copy, for introspection only; read it on the loop (a diagnostic dump from
     * another thread may read it racily and must tolerate a torn view).
     *
     * @return the callbacks, empty once the Future is done
     */
    public final java.util.List<Object> pendingCallbacks() {
        Consumer<? super Future<T>> first = firstCallback;
        if (first == null) {
            return java.util.List.of();
        }
        ArrayList<Consumer<? super Future<T>>> more = moreCallbacks;
        ArrayList<Object> all = new ArrayList<>(more == null ? 1 : 1 + more.size());
        all.add(first);
        if (more != null) {
            all.addAll(more);
        }
        return all;
    }

    @Override
    public int removeDoneCallback(Consumer<? super Future<T>> cb) {
        internals.checkThread("removeDoneCallback");
        int removed = 0;
        ArrayList<Consumer<? super Future<T>>> list = moreCallbacks;
        if (list != null) {
            int before = list.size();
            list.removeIf(c -> c.equals(cb));
            removed = before - list.size();
        }
        Consumer<? super Future<T>> first = firstCallback;
        if (first != null && first.equals(cb)) {
            removed++;
            firstCallback = null;
        }
        // Keep "no first callback" meaning "no callback at all".
        if (firstCallback == null && list != null && !list.isEmpty()) {
            firstCallback = list.remove(0);
        }
        if (list != null && list.isEmpty()) {
            moreCallbacks = null;
        }
        return removed;
    }

    // ------------------------------------------------------------------ CompletableFuture bridge

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
            if (created.isCancelled() && state == PENDING && !internals.isClosed()) {
                try {
                    // cancel(), not cancelFuture(): for a Task or an operation it is a request, as on the loop
                    internals.callSoonThreadsafe(() -> {
                        if (state == PENDING) {
                            cancel();
                        }
                    });
                } catch (IllegalStateException closed) {
                    // closed meanwhile: nothing left to cancel
                }
            }
        });
        if (state != PENDING) {
            completeBridge(created);
        }
        return created;
    }

    private void completeBridge(CompletableFuture<T> cf) {
        int s = state;
        if (s == CANCELLED) {
            cf.completeExceptionally(makeCancelledError());
        } else if (s == FINISHED) {
            Throwable e = error;
            if (e == null) {
                cf.complete(value);
            } else {
                markRetrievedOnLoop();
                cf.completeExceptionally(e);
            }
        }
    }

    /** The bridge may be completed on a foreign thread; the retrieval bookkeeping belongs to the loop. */
    private void markRetrievedOnLoop() {
        if (onLoopThread()) {
            markRetrieved();
            return;
        }
        try {
            internals.callSoonThreadsafe(this::markRetrieved);
        } catch (IllegalStateException closed) {
            // closed meanwhile: close() already reported what was pending
        }
    }

    /**
     * Whether the calling thread may act on the loop now: it is the loop's owner, or the loop is not running.
     *
     * @return {@code true} when {@link LoopInternals#checkThread} would let the caller through
     */
    protected final boolean onLoopThread() {
        return internals.isOwnerThread() || !internals.isRunning();
    }

    // ------------------------------------------------------------------ text

    @Override
    public String toString() {
        return "<Future " + stateWord() + outcomeText() + ">";
    }

    /**
     * The state as CPython's repr spells it.
     *
     * @return {@code pending}, {@code cancelled} or {@code finished}
     */
    protected final String stateWord() {
        int s = state;
        return s == PENDING ? "pending" : s == CANCELLED ? "cancelled" : "finished";
    }

    /**
     * The outcome as CPython's repr spells it: {@code " result='abc'"}, {@code " exception=..."}, or empty.
     *
     * @return the text, with a leading space when not empty
     */
    protected final String outcomeText() {
        if (state != FINISHED) {
            return "";
        }
        Throwable e = error;
        return e != null ? " exception=" + e : " result=" + repr(value);
    }

    /**
     * Python's repr for the values users print most: strings quoted, everything else as {@code toString()}.
     *
     * @param v the value
     * @return its text
     */
    public static String repr(Object v) {
        if (v instanceof CharSequence) {
            return "'" + v.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return String.valueOf(v);
    }
}
