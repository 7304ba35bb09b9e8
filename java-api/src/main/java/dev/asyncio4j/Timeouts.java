package dev.asyncio4j;

import dev.asyncio4j.internal.RethrowRule;
import java.util.Objects;

/**
 * Python 3.12's {@code asyncio.timeout} / {@code timeout_at} ({@code timeouts.py}) for a block run inline in the
 * current Task. On expiry the Task is cancelled at its current await; when the block ends, a {@link CancelledError}
 * becomes {@link TimeoutError} only if the cancellation came from this timeout: {@code uncancel()} brings the Task's
 * {@code cancelling()} count back to what it was on entry. A cancellation from elsewhere, or one from an outer timeout,
 * stays a {@link CancelledError} (the outer timeout converts its own).
 */
final class Timeouts {
    private Timeouts() {
    }

    static <T> T withTimeout(double seconds, Coroutine<T> block) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("withTimeout() delay is NaN: pass a number of seconds, "
                    + "or Double.POSITIVE_INFINITY for none");
        }
        Objects.requireNonNull(block, "block");
        EventLoop loop = Asyncio.getRunningLoop();
        return withTimeoutAt(loop.time() + seconds, block);
    }

    static <T> T withTimeoutAt(double when, Coroutine<T> block) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("withTimeoutAt() deadline is NaN: pass a time from loop.time(), "
                    + "or Double.POSITIVE_INFINITY for none");
        }
        Objects.requireNonNull(block, "block");
        EventLoop loop = Asyncio.getRunningLoop();
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("withTimeout() must be used inside a Task: call it from a coroutine body");
        }
        Timeout timeout = new Timeout(loop, task, when);
        T result;
        try {
            result = block.run();
        } catch (Throwable t) {
            throw RethrowRule.rethrow(timeout.exit(t));
        }
        Throwable replaced = timeout.exit(null);
        if (replaced != null) {
            throw RethrowRule.rethrow(replaced);
        }
        return result;
    }

    /** One entered timeout: CPython's {@code Timeout} between {@code __aenter__} and {@code __aexit__}. */
    private static final class Timeout {
        private enum State { ENTERED, EXPIRING, EXPIRED, EXITED }

        private final Task<?> task;
        private final int cancellingOnEntry;
        private State state = State.ENTERED;
        private Handle handle;

        Timeout(EventLoop loop, Task<?> task, double when) {
            this.task = task;
            this.cancellingOnEntry = task.cancelling();
            if (when != Double.POSITIVE_INFINITY) {
                handle = when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
            }
        }

        private void onTimeout() {
            if (state != State.ENTERED) {
                return;
            }
            task.cancel();
            state = State.EXPIRING;
            handle = null;
        }

        /** Leaves the block; returns what to throw ({@code error} itself, or a TimeoutError), or null. */
        Throwable exit(Throwable error) {
            if (handle != null) {
                handle.cancel();
                handle = null;
            }
            if (state == State.EXPIRING) {
                state = State.EXPIRED;
                if (task.uncancel() <= cancellingOnEntry && error instanceof CancelledError) {
                    return new TimeoutError("the block did not finish before its deadline", error);
                }
            } else if (state == State.ENTERED) {
                state = State.EXITED;
            }
            return error;
        }
    }
}
