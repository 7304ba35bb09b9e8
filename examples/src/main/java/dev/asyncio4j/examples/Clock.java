package dev.asyncio4j.examples;

/** Python's {@code now = lambda: time.time()} for measuring how long a program took. */
public final class Clock {
    private Clock() {
    }

    /** @return a monotonic time in seconds, only meaningful as a difference */
    public static double now() {
        return System.nanoTime() / 1e9;
    }
}
