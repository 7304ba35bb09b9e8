package dev.asyncio4j;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Python's {@code asyncio.Future}: a result that will exist later, bound to one {@link EventLoop}.
 *
 * <p><b>States.</b> Pending, then exactly one of: finished with a result, finished with an exception, cancelled.
 *
 * <p><b>Thread-safety.</b> {@link #isDone()}, {@link #isCancelled()} and {@link #toCompletableFuture()} may be
 * called from any thread. Every other method belongs to the loop: while the loop runs, calling a mutating method
 * ({@code setResult}, {@code setException}, {@code cancel}, {@code addDoneCallback}) from another thread throws
 * {@link IllegalStateException}; use {@link EventLoop#callSoonThreadsafe(Runnable)} or
 * {@link #toCompletableFuture()} instead.
 *
 * <p><b>Callbacks</b> run on the loop through {@code callSoon}, in registration order, never synchronously inside
 * {@code setResult}. The composition methods ({@link #thenApply}, {@link #thenCompose}, {@link #exceptionally},
 * {@link #whenComplete}) return new Futures of the same loop and run their functions on the loop.
 *
 * <p><b>Rethrow rule</b> (the package's, {@linkplain dev.asyncio4j defined there}): {@link #result()} and
 * {@link Asyncio#await(Future)} throw a stored unchecked exception as it is and wrap a checked one in
 * {@link CompletionException}; {@link #exception()} returns the original.
 *
 * @param <T> the result type
 */
public interface Future<T> {
    /**
     * Whether the Future finished (with a result, an exception, or cancelled). Thread-safe.
     *
     * @return {@code true} once done
     */
    boolean isDone();

    /**
     * Whether the Future was cancelled. Thread-safe.
     *
     * @return {@code true} once cancelled
     */
    boolean isCancelled();

    /**
     * The result.
     *
     * @return the value set by {@link #setResult}
     * @throws InvalidStateError if the Future is pending
     * @throws CancelledError if it was cancelled
     * @throws RuntimeException the stored exception, by the {@linkplain dev.asyncio4j rethrow rule}
     */
    T result();

    /**
     * The exception, marking it as retrieved.
     *
     * @return the stored exception as it was set, or {@code null} after a result
     * @throws InvalidStateError if the Future is pending
     * @throws CancelledError if it was cancelled
     */
    Throwable exception();

    /**
     * Cancels the Future and schedules its callbacks.
     *
     * @return {@code false} if it was already done, else {@code true}
     */
    boolean cancel();

    /**
     * Cancels the Future with a message that the resulting {@link CancelledError} carries.
     *
     * @param message the message, or {@code null}
     * @return {@code false} if it was already done, else {@code true}
     */
    boolean cancel(String message);

    /**
     * Finishes the Future with a result.
     *
     * @param value the result, may be {@code null}
     * @throws InvalidStateError if the Future is already done
     */
    void setResult(T value);

    /**
     * Finishes the Future with an exception.
     *
     * @param error the failure, not {@code null}; as in CPython a {@link CancelledError} is stored like any other
     *              exception (the Future is then finished, not cancelled: use {@link #cancel()} to cancel)
     * @throws InvalidStateError if the Future is already done
     * @throws IllegalArgumentException for a {@link StopIteration}, which CPython refuses too
     */
    void setException(Throwable error);

    /**
     * Adds a callback to run on the loop once the Future is done (scheduled at once if it already is).
     *
     * @param cb the callback, given this Future
     */
    void addDoneCallback(Consumer<? super Future<T>> cb);

    /**
     * Removes every registration of a callback (compared with {@code equals}).
     *
     * @param cb the callback
     * @return how many registrations were removed
     */
    int removeDoneCallback(Consumer<? super Future<T>> cb);

    /**
     * The loop this Future belongs to.
     *
     * @return the loop
     */
    EventLoop getLoop();

    /**
     * A {@link CompletableFuture} that completes like this Future (a cancellation as a {@link CancelledError}).
     * Cancelling the returned future cancels this one, thread-safely, through the loop. May be called from any
     * thread.
     *
     * @return the bridge; the same instance on every call
     */
    CompletableFuture<T> toCompletableFuture();

    /**
     * A Future of {@code fn(result)}, computed on the loop. A failure or cancellation of this Future passes through.
     *
     * @param fn the function
     * @param <U> its result type
     * @return the new Future
     */
    default <U> Future<U> thenApply(Function<? super T, ? extends U> fn) {
        Objects.requireNonNull(fn, "fn");
        return deriveFromResult(this, (value, out) -> out.setResult(fn.apply(value)));
    }

    /**
     * A Future that finishes like the Future {@code fn(result)} returns.
     *
     * @param fn the function, returning a Future of the same loop
     * @param <U> its result type
     * @return the new Future
     */
    default <U> Future<U> thenCompose(Function<? super T, ? extends Future<U>> fn) {
        Objects.requireNonNull(fn, "fn");
        return deriveFromResult(this, (value, out) -> {
            Future<U> next = Objects.requireNonNull(fn.apply(value), "thenCompose function returned null");
            next.addDoneCallback(n -> copyOutcome(n, out));
            propagateCancel(out, next);
        });
    }

    /**
     * A Future with this result, or with {@code fn(exception)} when this Future fails. A cancellation passes through.
     *
     * @param fn the recovery function
     * @return the new Future
     */
    default Future<T> exceptionally(Function<Throwable, ? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        return derive(this, (f, out) -> {
            Throwable error = f.exception();
            if (error == null) {
                out.setResult(f.result());
                return;
            }
            try {
                out.setResult(fn.apply(error));
            } catch (Throwable t) {
                out.setException(t);
            }
        });
    }

    /**
     * A Future that finishes like this one after {@code action(result, exception)} ran on the loop (a cancellation
     * is given as a {@link CancelledError}). If the action throws, the new Future fails with that exception unless
     * this one failed already.
     *
     * @param action the action
     * @return the new Future
     */
    default Future<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        Future<T> out = getLoop().createFuture();
        addDoneCallback(f -> {
            T value = null;
            Throwable error;
            if (f.isCancelled()) {
                error = new CancelledError();
            } else {
                error = f.exception();
                if (error == null) {
                    value = f.result();
                }
            }
            try {
                action.accept(value, error);
            } catch (Throwable t) {
                if (error == null && !out.isDone()) {
                    out.setException(t);
                    return;
                }
            }
            copyOutcome(f, out);
        });
        propagateCancel(out, this);
        return out;
    }

    /**
     * A new Future of {@code source}'s loop that {@code step} finishes once {@code source} is done, unless it is done
     * already; a cancellation of {@code source} cancels it, and cancelling it cancels {@code source}.
     */
    private static <T, U> Future<U> derive(Future<T> source, BiConsumer<Future<T>, Future<U>> step) {
        Future<U> out = source.getLoop().createFuture();
        source.addDoneCallback(f -> {
            if (out.isDone()) {
                return;
            }
            if (f.isCancelled()) {
                out.cancel();
                return;
            }
            step.accept(f, out);
        });
        propagateCancel(out, source);
        return out;
    }

    /**
     * {@link #derive} for compositions of the result: a failure of {@code source} passes through as it is, and what
     * {@code step} throws fails the derived Future.
     */
    private static <T, U> Future<U> deriveFromResult(Future<T> source, BiConsumer<? super T, Future<U>> step) {
        return derive(source, (f, out) -> {
            Throwable error = f.exception();
            if (error != null) {
                out.setException(error);
                return;
            }
            try {
                step.accept(f.result(), out);
            } catch (Throwable t) {
                out.setException(t);
            }
        });
    }

    private static <U> void copyOutcome(Future<U> from, Future<U> to) {
        if (!to.isDone()) {
            Combinators.copyOutcome(from, to);
        }
    }

    private static void propagateCancel(Future<?> derived, Future<?> source) {
        derived.addDoneCallback(d -> {
            if (d.isCancelled() && !source.isDone()) {
                source.cancel();
            }
        });
    }
}
