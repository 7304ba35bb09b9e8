package dev.asyncio4j;

/**
 * How long one side of a thread-backed generator ({@link ThreadGeneratorCore}) spins, waiting for the other side to
 * hand the turn back, before it parks: a spin that ends in time saves the wake-up a park costs (an OS wake-up for a
 * platform thread, a scheduler round for a virtual one), which is most of what a {@code send} costs.
 *
 * <p>The rule: spin only with more than one CPU (on one, the other side cannot run meanwhile), never longer than
 * {@link #MAX_NANOS}, and back off when the other side did not answer within the spin: after a miss the next wait
 * parks at once, and each further miss doubles the number of waits that park at once (up to
 * {@value #MAX_BACKOFF_WAITS}) before one spins again to probe. On a loaded machine, where the other side is seldom
 * on a CPU when its turn comes, this costs one short spin in {@value #MAX_BACKOFF_WAITS} waits; in a tight ping-pong on
 * an idle machine both sides keep spinning and neither parks. Counted in waits, not time, so that it adapts to
 * the workload and tests can drive it without clocks.
 *
 * <p>Not thread-safe: each side of a generator owns one, used only by the thread whose turn it awaits (the turn
 * hand-off orders successive users).
 */
final class GeneratorSpin {
    /** The longest spin, in nanoseconds: a short body step answers well within it. */
    static final long MAX_NANOS = 20_000L;

    /** At most this many waits in a row park without spinning after misses. */
    static final int MAX_BACKOFF_WAITS = 1024;

    /** The CPUs this JVM may use, read once. */
    static final int CPUS = Runtime.getRuntime().availableProcessors();

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
    GeneratorSpin(int cpus) {
        this.worthwhile = cpus > 1;
    }

    /**
     * How long the next wait may spin.
     *
     * @return nanoseconds; 0 means park at once
     */
    long nextLimit() {
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
    void spun(boolean answeredWhileSpinning) {
        if (answeredWhileSpinning) {
            backoff = 0;
        } else {
            backoff = backoff == 0 ? 1 : Math.min(MAX_BACKOFF_WAITS, backoff * 2);
            skip = backoff;
        }
    }
}
