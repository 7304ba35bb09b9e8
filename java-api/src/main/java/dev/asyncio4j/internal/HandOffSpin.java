package dev.asyncio4j.internal;

/**
 * How long a thread waiting for a turn spins before it parks, wherever the SDK passes a turn between two threads: the
 * two sides of a thread-backed generator ({@code ThreadGeneratorCore}), and the loop's platform thread waiting for a
 * Java Task's body to hand its step back (JDK 17). A spin that ends in time saves the wake-up a park costs (an OS
 * wake-up for a platform thread, a scheduler round for a virtual one), which is most of what a hand-off costs.
 *
 * <p>The rule: spin only with more than one CPU (on one, the other side cannot run meanwhile), never longer than
 * {@link #MAX_NANOS}, and back off when the other side did not answer within the spin: after a miss the next wait
 * parks at once, and each further miss doubles the number of waits that park at once (up to
 * {@value #MAX_BACKOFF_WAITS}) before one spins again to probe. On a loaded machine, where the other side is seldom
 * on a CPU when its turn comes, this costs one short spin in {@value #MAX_BACKOFF_WAITS} waits; in a tight ping-pong on
 * an idle machine both sides keep spinning and neither parks. Counted in waits, not time, so that it adapts to
 * the workload and tests can drive it without clocks.
 *
 * <p>Not thread-safe: each waiting side owns one, used only by the thread whose turn it awaits (the turn hand-off
 * orders successive users). Internal: not for users of the SDK.
 */
public final class HandOffSpin {
    /** The longest spin, in nanoseconds: a short body step answers well within it. */
    public static final long MAX_NANOS = 20_000L;

    /** At most this many waits in a row park without spinning after misses. */
    public static final int MAX_BACKOFF_WAITS = 1024;

    /** The CPUs this JVM may use, read once. */
    public static final int CPUS = Runtime.getRuntime().availableProcessors();

    private final boolean worthwhile;
    /** Waits left that park at once. */
    private int skip;
    /** How many waits parked at once after the last miss. */
    private int backoff;

    /**
     * A spin policy for a JVM with {@code cpus} CPUs.
     *
     * @param cpus the CPUs available ({@link #CPUS}; tests pass other counts)
     */
    public HandOffSpin(int cpus) {
        this.worthwhile = cpus > 1;
    }

    /**
     * How long the next wait may spin.
     *
     * @return nanoseconds; 0 means park at once
     */
    public long nextLimit() {
        if (!worthwhile) {
            return 0;
        }
        if (skip > 0) {
            skip--;
            return 0;
        }
        return MAX_NANOS;
    }

    /**
     * Learns how the wait that spun ended.
     *
     * @param answeredWhileSpinning whether the turn came back within the spin (false: it had to park)
     */
    public void spun(boolean answeredWhileSpinning) {
        if (answeredWhileSpinning) {
            backoff = 0;
        } else {
            backoff = backoff == 0 ? 1 : Math.min(MAX_BACKOFF_WAITS, backoff * 2);
            skip = backoff;
        }
    }

    /**
     * The spin loop's bound, checked every 64 spins (reading the clock costs more than a spin): whether a spin that
     * began at {@code startNanos} has used up {@code limitNanos}.
     *
     * @param spins how many spins so far, counting this one
     * @param startNanos {@link System#nanoTime()} when the spin began
     * @param limitNanos what {@link #nextLimit()} allowed
     * @return true when the waiting side should stop spinning and park
     */
    public static boolean spentAfter(int spins, long startNanos, long limitNanos) {
        return (spins & 63) == 0 && System.nanoTime() - startNanos >= limitNanos;
    }
}
