package dev.asyncio4j.internal;

import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Handle;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;

/**
 * CPython 3.12's {@code asyncio.Timeout} ({@code timeouts.py}) between {@code __aenter__} and {@code __aexit__}:
 * the one algorithm behind Java's {@code Asyncio.withTimeout} and Kotlin's {@code withAsyncioTimeout}, each of which
 * only runs its block in its own way between {@linkplain #InlineTimeout entering} and {@linkplain #exit(Throwable)
 * leaving}.
 *
 * <p>On expiry the Task is cancelled at its current await; when the block ends, a {@link CancelledError} becomes
 * {@link TimeoutError} only if the cancellation came from this timeout: {@code uncancel()} brings the Task's
 * {@code cancelling()} count back to what it was on entry. A cancellation from elsewhere, or one from an outer
 * timeout, stays a {@link CancelledError} (the outer timeout converts its own).
 *
 * <p><b>Thread-safety.</b> Confined to the loop: create and leave it in the Task's own step.
 */
public final class InlineTimeout {
    private enum State { ENTERED, EXPIRING, EXPIRED, EXITED }

    private final Task<?> task;
    private final int cancellingOnEntry;
    private State state = State.ENTERED;
    private Handle handle;

    /**
     * Enters the timeout: schedules the expiry at {@code deadline} on the loop's clock ({@code +Infinity}: never).
     *
     * @param loop the running loop
     * @param task the Task running the block
     * @param deadline the deadline on the loop's clock, checked with {@link #checkDeadline}
     */
    public InlineTimeout(EventLoop loop, Task<?> task, double deadline) {
        this.task = task;
        this.cancellingOnEntry = task.cancelling();
        if (deadline != Double.POSITIVE_INFINITY) {
            handle = deadline <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(deadline, this::onTimeout);
        }
    }

    /**
     * Refuses a NaN delay.
     *
     * @param seconds the delay ({@code +Infinity}: none)
     * @param what the calling function, named in the message
     * @throws IllegalArgumentException when {@code seconds} is NaN
     */
    public static void checkDelay(double seconds, String what) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException(what + "() delay is NaN: pass a number of seconds, "
                    + "or Double.POSITIVE_INFINITY for none");
        }
    }

    /**
     * Refuses a NaN deadline.
     *
     * @param deadline a time on the loop's clock
     * @param what the calling function, named in the message
     * @throws IllegalArgumentException when it is NaN
     */
    public static void checkDeadline(double deadline, String what) {
        if (Double.isNaN(deadline)) {
            throw new IllegalArgumentException(what + "() deadline is NaN: pass a time from loop.time(), "
                    + "or Double.POSITIVE_INFINITY for none");
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

    /**
     * Leaves the block that threw {@code error} ({@code __aexit__} with an exception).
     *
     * @param error what the block threw
     * @return what to throw instead: a {@link TimeoutError} whose cause is {@code error} when this timeout's
     *         cancellation ended the block, else {@code error} itself
     */
    public Throwable exit(Throwable error) {
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

    /**
     * Leaves the block that returned {@code result} ({@code __aexit__} without an exception). A block that returns a
     * pending Future did not await it, so the timeout bounded nothing: that is refused.
     *
     * @param result what the block returned
     * @param howToAwait the caller's language's way to await inside the block, for the message
     * @param <T> its type
     * @return {@code result}
     * @throws IllegalArgumentException when {@code result} is a pending {@link Future}
     */
    public <T> T exitWith(T result, String howToAwait) {
        exit(null);
        if (result instanceof Future && !((Future<?>) result).isDone()) {
            throw new IllegalArgumentException("the timeout's block returned a pending Future (" + result
                    + ") instead of awaiting it, so the timeout bounded nothing: await inside the block, as in "
                    + howToAwait);
        }
        return result;
    }
}
