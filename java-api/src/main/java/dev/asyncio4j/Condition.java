package dev.asyncio4j;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code asyncio.Condition}: a {@link Lock} plus a queue of coroutines waiting to be signalled
 * (Python's {@code notify} is {@link #signal()}, its {@code wait} is {@link #waitAsync()}).
 *
 * <pre>{@code
 * cond.withLock(() -> { Asyncio.await(cond.waitFor(() -> !items.isEmpty())); return items.remove(0); });
 * }</pre>
 *
 * <p><b>Cancellation.</b> The Future of {@link #waitAsync()} behaves like a Task: a cancelled wait re-acquires the
 * lock before it ends cancelled (the caller always holds the lock again afterwards, as in CPython), and a waiter
 * that ends with an exception after being signalled passes the wake-up on to the next waiter (CPython 3.13).
 *
 * <p><b>Loop binding and threads.</b> Binds to the running loop the first time a coroutine waits; not
 * thread-safe: use it only from its loop's thread and coroutine bodies, from elsewhere through
 * {@link EventLoop#callSoonThreadsafe(Runnable)}.
 */
public final class Condition {
    private final LoopBinding binding = new LoopBinding();
    private final Lock lock;
    private final LinkedHashSet<Future<Boolean>> waiters = new LinkedHashSet<>();

    /** A condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over an existing lock (several conditions may share one lock).
     *
     * @param lock the lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * Acquires the underlying lock ({@link Lock#acquire()}).
     *
     * @return a Future of {@code true}
     */
    public Future<Boolean> acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock ({@link Lock#release()}). */
    public void release() {
        lock.release();
    }

    /**
     * Whether the underlying lock is held.
     *
     * @return the lock's state
     */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * {@link Lock#withLock(Coroutine)} on the underlying lock.
     *
     * @param body what to run while holding the lock
     * @param <T> its result type
     * @return the body's result
     */
    public <T> T withLock(Coroutine<T> body) {
        return lock.withLock(body);
    }

    /**
     * Releases the lock, waits until signalled, then re-acquires the lock (Python's {@code await cond.wait()}).
     * Call it holding the lock; the Future completes (with {@code true}) only once the lock is held again, also
     * when it ends cancelled.
     *
     * @return a Future of {@code true}
     * @throws IllegalStateException when the lock is not held, with no running loop, or from another loop
     */
    public Future<Boolean> waitAsync() {
        if (!lock.isLocked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock: acquire the condition first "
                    + "(Asyncio.await(cond.acquire()) or cond.withLock(...))");
        }
        EventLoop loop = binding.get(this);
        lock.release();
        return Operation.waitInLine(loop, waiters, (op, fut, error) -> reacquire(op, error, null));
    }

    /** The {@code finally} of CPython's wait: take the lock back, retrying while cancelled. */
    private void reacquire(Operation<Boolean> op, Throwable waitError, Throwable lastCancel) {
        op.awaitThen(lock.acquire(), (v, error) -> {
            if (error instanceof java.util.concurrent.CancellationException) {
                reacquire(op, waitError, error);
                return;
            }
            Throwable outcome = lastCancel != null ? lastCancel : waitError;
            if (error != null) {
                outcome = error;
            }
            if (outcome != null) {
                notifyWaiters(1);
                op.fail(outcome);
            } else {
                op.finish(Boolean.TRUE);
            }
        });
    }

    /**
     * Waits until {@code predicate} is true (Python's {@code await cond.wait_for(predicate)}): checks it, and
     * {@link #waitAsync() waits} while it is false. Call it holding the lock.
     *
     * @param predicate evaluated with the lock held
     * @return a Future of {@code true}
     * @throws IllegalStateException when the lock is not held and the predicate is false
     */
    public Future<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        if (predicate.getAsBoolean()) {
            return Operation.completed(LoopBinding.running(), Boolean.TRUE);
        }
        Future<Boolean> first = waitAsync();
        Operation<Boolean> op = new Operation<>(first.getLoop());
        waitForStep(op, first, predicate);
        return op;
    }

    private void waitForStep(Operation<Boolean> op, Future<Boolean> waiting, BooleanSupplier predicate) {
        op.awaitThen(waiting, (v, error) -> {
            if (error != null) {
                op.fail(error);
            } else if (predicate.getAsBoolean()) {
                op.finish(Boolean.TRUE);
            } else {
                waitForStep(op, waitAsync(), predicate);
            }
        });
    }

    /** Wakes one waiter ({@code signal(1)}). */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters (Python's {@code notify(n)}); each re-acquires the lock in turn.
     *
     * @param n how many
     * @throws IllegalStateException when the lock is not held
     */
    public void signal(int n) {
        if (!lock.isLocked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock: signal while holding the condition");
        }
        notifyWaiters(n);
    }

    /**
     * Wakes every waiter (Python's {@code notify_all()}).
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void signalAll() {
        signal(waiters.size());
    }

    private void notifyWaiters(int n) {
        int woken = 0;
        // setResult only schedules callbacks, so the set cannot change while we iterate.
        for (Future<Boolean> fut : waiters) {
            if (woken >= n) {
                break;
            }
            if (!fut.isDone()) {
                woken++;
                fut.setResult(Boolean.FALSE);
            }
        }
    }

    /** How many Futures wait now (CPython's {@code len(x._waiters)}); for this package's tests. */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        String extra = lock.isLocked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Condition [" + extra + "]>";
    }
}
