package dev.asyncio4j;

/** A callback scheduled for a point in loop time by {@code callLater} or {@code callAt} (Python's {@code TimerHandle}). */
public interface TimerHandle extends Handle {
    /**
     * When the callback is due, on the clock of {@link EventLoop#time()}.
     *
     * @return the deadline in loop seconds
     */
    double when();
}
