package dev.asyncio4j;

import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * Python's {@code asyncio.Lock}: a mutual-exclusion lock for coroutines of one event loop.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * lock.withLock(() -> { ...; return null; });          // in a Java coroutine body
 * Asyncio.await(lock.acquire()); try { ... } finally { lock.release(); }
 * }</pre>
 *
 * <p><b>Fairness and cancellation.</b> Waiters are served first in, first out. The Future of {@link #acquire()}
 * behaves like a Task: {@code cancel()} is a request, and a waiter cancelled at the very moment the lock was handed
 * to it passes the lock on to the next waiter before it ends cancelled, so no wake-up is ever lost.
 *
 * <p><b>Loop binding and threads.</b> The lock binds to the running loop the first time it has to wait; using it
 * from another loop afterwards throws {@link IllegalStateException}. It is <em>not</em> thread-safe: use it only
 * from its loop's thread and coroutine bodies; from another thread, go through
 * {@link EventLoop#callSoonThreadsafe(Runnable)} or {@link Asyncio#runCoroutineThreadsafe(Coroutine, EventLoop)}.
 */
public final class Lock {
    private final LoopBinding binding = new LoopBinding();
    private final LinkedHashSet<Future<Boolean>> waiters = new LinkedHashSet<>();
    private boolean locked;

    /** Creates an unlocked lock, not yet bound to a loop. */
    public Lock() {
    }

    /**
     * Whether the lock is held.
     *
     * @return {@code true} while some coroutine holds it
     */
    public boolean isLocked() {
        return locked;
    }

    /**
     * Acquires the lock (Python's {@code await lock.acquire()}): a done Future when the lock is free and nobody
     * waits, else a Future that completes with {@code true} once this caller holds the lock.
     *
     * @return a Future of {@code true}; cancelling it withdraws the request (and passes the lock on if it had
     *         already been handed over)
     * @throws IllegalStateException with no running loop, or from a loop other than the bound one
     */
    public Future<Boolean> acquire() {
        if (!locked && allCancelled()) {
            locked = true;
            return Operation.completed(LoopBinding.running(), Boolean.TRUE);
        }
        return Operation.waitInLine(binding.get(this), waiters, (op, fut, error) -> {
            if (error != null) {
                if (!locked) {
                    wakeUpFirst();
                }
                op.fail(error);
                return;
            }
            locked = true;
            op.finish(Boolean.TRUE);
        });
    }

    /**
     * Releases the lock and wakes the first waiter.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired: release() only after a successful acquire()");
        }
        locked = false;
        wakeUpFirst();
    }

    /**
     * Python's {@code async with lock:} for a Java coroutine body: acquires the lock (suspending the current body),
     * runs {@code body} inline, and releases the lock however the body ends.
     *
     * @param body what to run while holding the lock
     * @param <T> its result type
     * @return the body's result
     * @throws IllegalStateException outside a Java coroutine body
     * @throws CancelledError if the current Task is cancelled while waiting for the lock
     */
    public <T> T withLock(Coroutine<T> body) {
        Objects.requireNonNull(body, "body");
        return Combinators.holding(acquire(), this::release, body);
    }

    private boolean allCancelled() {
        for (Future<Boolean> w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    private void wakeUpFirst() {
        if (waiters.isEmpty()) {
            return;
        }
        Future<Boolean> first = waiters.iterator().next();
        if (!first.isDone()) {
            first.setResult(Boolean.TRUE);
        }
    }

    /** How many Futures wait now (CPython's {@code len(x._waiters)}); for this package's tests. */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Lock [" + extra + "]>";
    }
}
