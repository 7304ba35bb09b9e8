package dev.asyncio4j;

import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * Python's {@code asyncio.Semaphore}: a counter of permits; {@link #acquire()} takes one, waiting while none is
 * free, {@link #release()} returns one.
 *
 * <p><b>Fairness and cancellation.</b> Waiters are served first in, first out, and a newcomer does not overtake
 * waiters even when a permit is free. The Future of {@code acquire()} behaves like a Task: {@code cancel()} is a
 * request, and a waiter cancelled at the moment a permit was handed to it gives the permit back and wakes the next
 * waiter before it ends cancelled, so no permit is lost or leaked.
 *
 * <p><b>Loop binding and threads.</b> Binds to the running loop the first time a coroutine waits; not
 * thread-safe: use it only from its loop's thread and coroutine bodies, from elsewhere through
 * {@link EventLoop#callSoonThreadsafe(Runnable)}.
 */
public class Semaphore {
    private final LoopBinding binding = new LoopBinding();
    private final LinkedHashSet<Future<Boolean>> waiters = new LinkedHashSet<>();
    int value;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @param value the initial number of permits, at least 0
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /**
     * Whether {@link #acquire()} would have to wait: no permit is free, or others wait before this caller.
     *
     * @return {@code true} when an acquire cannot succeed at once
     */
    public boolean isLocked() {
        if (value == 0) {
            return true;
        }
        for (Future<Boolean> w : waiters) {
            if (!w.isCancelled()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a permit (Python's {@code await sem.acquire()}), waiting in FIFO order while none is free.
     *
     * @return a Future of {@code true}; cancelling it withdraws the request (giving back a permit already handed
     *         over)
     * @throws IllegalStateException with no running loop, or from a loop other than the bound one
     */
    public Future<Boolean> acquire() {
        if (!isLocked()) {
            value--;
            return Operation.completed(LoopBinding.running(), Boolean.TRUE);
        }
        return Operation.waitInLine(binding.get(this), waiters, (op, fut, error) -> {
            try {
                if (error != null) {
                    if (fut.isDone() && !fut.isCancelled()) {
                        value++;
                    }
                    op.fail(error);
                } else {
                    op.finish(Boolean.TRUE);
                }
            } finally {
                while (value > 0) {
                    if (!wakeUpNext()) {
                        break;
                    }
                }
            }
        });
    }

    /** Returns a permit and wakes the first waiter. */
    public void release() {
        value++;
        wakeUpNext();
    }

    /**
     * Python's {@code async with sem:} for a Java coroutine body: takes a permit (suspending the current body),
     * runs {@code body} inline, and returns the permit however the body ends.
     *
     * @param body what to run while holding a permit
     * @param <T> its result type
     * @return the body's result
     * @throws IllegalStateException outside a Java coroutine body
     * @throws CancelledError if the current Task is cancelled while waiting
     */
    public <T> T withPermit(Coroutine<T> body) {
        Objects.requireNonNull(body, "body");
        return Combinators.holding(acquire(), this::release, body);
    }

    private boolean wakeUpNext() {
        for (Future<Boolean> fut : waiters) {
            if (!fut.isDone()) {
                value--;
                fut.setResult(Boolean.TRUE);
                return true;
            }
        }
        return false;
    }

    /** How many Futures wait now (CPython's {@code len(x._waiters)}); for this package's tests. */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        String extra = isLocked() ? "locked" : "unlocked, value:" + value;
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + getClass().getSimpleName() + " [" + extra + "]>";
    }
}
