package dev.asyncio4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Future a combinator returns when, as in CPython, cancelling it is a request the combinator handles
 * ({@code _GatheringFuture.cancel}, or the Task that runs {@code wait_for}): {@link #cancel(String)} passes the
 * request on to what the combinator waits for, and the Future finishes once that outcome is known. Everything else
 * is a plain loop Future ({@link #state}) that the combinator completes.
 *
 * <p>Done-callbacks receive this Future, not {@link #state}. A cancellation that reaches {@link #state} directly
 * (through {@link #toCompletableFuture()}) is passed on as a request too.
 *
 * @param <T> the result type
 */
abstract class OuterFuture<T> implements Future<T> {
    /** Holds the outcome; only the combinator completes it. */
    final Future<T> state;

    /** Each user callback with the wrapper registered on {@link #state} for it. */
    private final List<Registration<T>> registrations = new ArrayList<>(2);

    OuterFuture(EventLoop loop) {
        this.state = loop.createFuture();
        state.addDoneCallback(s -> {
            if (s.isCancelled()) {
                requestCancel(null);
            }
        });
    }

    /**
     * Passes a cancellation request on; called only while this Future is pending (or right after a direct
     * cancellation of {@link #state}).
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
    public boolean cancel() {
        return cancel(null);
    }

    @Override
    public boolean cancel(String message) {
        Combinators.checkLoopThread(state.getLoop(), "cancel");
        if (state.isDone()) {
            return false;
        }
        return requestCancel(message);
    }

    @Override
    public boolean isDone() {
        return state.isDone();
    }

    @Override
    public boolean isCancelled() {
        return state.isCancelled();
    }

    @Override
    public T result() {
        return state.result();
    }

    @Override
    public Throwable exception() {
        return state.exception();
    }

    @Override
    public void setResult(T value) {
        state.setResult(value);
    }

    @Override
    public void setException(Throwable error) {
        state.setException(error);
    }

    @Override
    public void addDoneCallback(Consumer<? super Future<T>> cb) {
        Objects.requireNonNull(cb, "callback");
        Registration<T> registration = new Registration<>(cb, this);
        state.addDoneCallback(registration);
        registrations.add(registration);
        onDemand();
    }

    @Override
    public int removeDoneCallback(Consumer<? super Future<T>> cb) {
        int removed = 0;
        for (Iterator<Registration<T>> it = registrations.iterator(); it.hasNext(); ) {
            Registration<T> registration = it.next();
            if (registration.callback.equals(cb)) {
                it.remove();
                removed += state.removeDoneCallback(registration);
            }
        }
        return removed;
    }

    @Override
    public EventLoop getLoop() {
        return state.getLoop();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        if (!state.isDone()) {
            EventLoop loop = state.getLoop();
            if (loop.isRunning() && Asyncio.runtime().runningLoop() != loop) {
                loop.callSoonThreadsafe(this::onDemand);
            } else {
                onDemand();
            }
        }
        return state.toCompletableFuture();
    }

    @Override
    public String toString() {
        return state.toString();
    }

    /** A user callback as registered on {@link #state}: it is given the outer Future. */
    private static final class Registration<T> implements Consumer<Future<T>> {
        final Consumer<? super Future<T>> callback;
        final OuterFuture<T> outer;

        Registration(Consumer<? super Future<T>> callback, OuterFuture<T> outer) {
            this.callback = callback;
            this.outer = outer;
        }

        @Override
        public void accept(Future<T> ignored) {
            outer.registrations.remove(this);
            callback.accept(outer);
        }

        @Override
        public String toString() {
            return callback.toString();
        }
    }
}
