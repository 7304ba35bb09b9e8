package dev.asyncio4j.internal;

/**
 * How long a thread waiting for a hand-off (a turn passed between two threads: JDK 17's loop waiting for a Java body
 * step, a generator's caller and body waiting for each other) spins before it parks: bounded in time, never in
 * iterations, and adapted to how long this waiter's waits usually take. A wait that ends within the bound saves the
 * OS (or scheduler) wake-up a park costs; one that takes longer (the other side blocks, or works for a while) costs at
 * most the bound, and halves it, down to no spin at all. Every {@value #PROBE_EVERY}th wait spins the full
 * {@link #MAX_NANOS} again, so a workload whose waits became short is noticed. No spinning at all on one CPU
 * ({@link #WORTHWHILE}): the other side could not run meanwhile.
 *
 * <p>Not thread-safe: used by one waiting side at a time (the hand-off that gives a thread the turn orders successive
 * users). The spin loop itself stays with each waiter, which knows its own turn flag: it calls {@link #expired} as it
 * goes.
 */
public final class HandOffSpin {
    /** The longest spin, in nanoseconds: a few microseconds, the time a short step takes. */
    public static final long MAX_NANOS = 10_000L;

    /** Every this many waits, one spins the full {@link #MAX_NANOS}. */
    private static final int PROBE_EVERY = 64;

    /** Spinning only pays when the thread we wait for can run meanwhile, on another CPU. */
    public static final boolean WORTHWHILE = Runtime.getRuntime().availableProcessors() > 1;

    private long limitNanos = MAX_NANOS / 2;
    private int waits;

    /** A spin policy that starts at half the longest spin. */
    public HandOffSpin() {
    }

    /**
     * How long the next wait may spin.
     *
     * @return nanoseconds (0: park at once)
     */
    public long nextLimit() {
        return ++waits % PROBE_EVERY == 0 ? MAX_NANOS : limitNanos;
    }

    /**
     * Learns from the wait that just ended.
     *
     * @param waitedNanos how long it took in all, spinning and parking
     */
    public void learn(long waitedNanos) {
        limitNanos = waitedNanos <= MAX_NANOS ? Math.min(MAX_NANOS, Math.max(limitNanos, 2 * waitedNanos)) : limitNanos / 2;
    }

    /**
     * Whether a spin that began at {@code start} must stop: checks the clock once every 64 spins only.
     *
     * @param start {@link System#nanoTime()} when the wait began
     * @param limitNanos what {@link #nextLimit()} allowed
     * @param spins spins so far, counting this one
     * @return true when the time is up
     */
    public static boolean expired(long start, long limitNanos, int spins) {
        return limitNanos <= 0 || (spins & 63) == 0 && System.nanoTime() - start >= limitNanos;
    }
}
