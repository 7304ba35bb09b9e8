package dev.asyncio4j;

import java.util.LinkedHashSet;

/**
 * Python's {@code asyncio.Event}: a flag that coroutines wait on until another sets it.
 *
 * <p>{@link #set()} wakes every waiter; {@link #clear()} resets the flag, after which {@link #waitAsync()} waits
 * again. Cancelling the Future of {@code waitAsync()} removes the waiter.
 *
 * <p><b>Loop binding and threads.</b> The event binds to the running loop the first time a coroutine waits on it;
 * waiting from another loop afterwards throws {@link IllegalStateException}. It is <em>not</em> thread-safe: set it
 * from another thread with {@code loop.callSoonThreadsafe(event::set)}.
 */
public final class Event {
    private final LoopBinding binding = new LoopBinding();
    private final LinkedHashSet<Future<Boolean>> waiters = new LinkedHashSet<>();
    private boolean value;

    /** Creates an event that is not set. */
    public Event() {
    }

    /**
     * Whether the flag is set.
     *
     * @return the flag
     */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        if (value) {
            return;
        }
        value = true;
        // setResult only schedules callbacks, so the set cannot change while we iterate.
        for (Future<Boolean> fut : waiters) {
            if (!fut.isDone()) {
                fut.setResult(Boolean.TRUE);
            }
        }
    }

    /** Resets the flag: later {@link #waitAsync()} calls wait until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /**
     * Waits until the flag is set (Python's {@code await event.wait()}).
     *
     * @return a Future of {@code true}, already done when the flag is set
     * @throws IllegalStateException with no running loop, or from a loop other than the bound one
     */
    public Future<Boolean> waitAsync() {
        if (value) {
            return Operation.completed(LoopBinding.running(), Boolean.TRUE);
        }
        return Operation.waitInLine(binding.get(this), waiters, (op, fut, error) -> {
            if (error != null) {
                op.fail(error);
            } else {
                op.finish(Boolean.TRUE);
            }
        });
    }

    /** How many Futures wait now (CPython's {@code len(x._waiters)}); for this package's tests. */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Event [" + extra + "]>";
    }
}
