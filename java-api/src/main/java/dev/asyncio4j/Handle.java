package dev.asyncio4j;

/**
 * A callback scheduled on an {@link EventLoop} by {@code callSoon} or {@code callSoonThreadsafe}
 * (Python's {@code asyncio.Handle}).
 *
 * <p>Thread-safety: {@link #isCancelled()} may be read from any thread; {@link #cancel()} belongs to the loop's
 * thread (or any thread while the loop does not run), like every other mutating loop operation.
 */
public interface Handle {
    /** Cancels the callback; it will not run. Cancelling twice, or after it ran, does nothing. */
    void cancel();

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return {@code true} once cancelled
     */
    boolean isCancelled();
}
