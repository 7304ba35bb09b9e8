package dev.asyncio4j.kotlin.internal

/**
 * How long a platform thread waiting for a hand-off (JDK 17's loop waiting for a body step to hand the turn back)
 * spins before it parks: bounded in time, never in iterations, and adapted to how long the waits usually take here.
 * A wait that ends within the bound saves the OS wake-up a park costs; one that takes longer (the step blocks, or
 * its thread has to be woken first) costs at most the bound, and halves it, down to no spin at all. Every
 * [PROBE_EVERY]th wait spins the full [MAX_NANOS] again, so a workload whose steps became short is noticed.
 *
 * Confined to the thread that holds the loop's turn: plain fields, no synchronisation.
 */
internal class HandOffSpin {
    private var limitNanos = MAX_NANOS / 2
    private var waits = 0

    /** How long the next wait may spin, in nanoseconds (0: park at once). */
    fun nextLimit(): Long = if (++waits % PROBE_EVERY == 0) MAX_NANOS else limitNanos

    /** The wait that just ended took [waitedNanos] in all (spinning and parking). */
    fun learn(waitedNanos: Long) {
        limitNanos = if (waitedNanos <= MAX_NANOS) {
            minOf(MAX_NANOS, maxOf(limitNanos, 2 * waitedNanos))
        } else {
            limitNanos / 2
        }
    }

    companion object {
        /** The longest spin: a few microseconds, the time a short body step takes. */
        const val MAX_NANOS = 10_000L
        private const val PROBE_EVERY = 64

        /** Spinning only pays when the thread we wait for can run meanwhile. */
        @JvmField
        val WORTHWHILE: Boolean = Runtime.getRuntime().availableProcessors() > 1

        /** Spins while [waiting] holds, for at most [limitNanos] since [start]; true if the wait ended. */
        inline fun spinWhile(start: Long, limitNanos: Long, waiting: () -> Boolean): Boolean {
            if (limitNanos <= 0) return !waiting()
            var n = 0
            while (waiting()) {
                Thread.onSpinWait()
                if ((++n and 63) == 0 && System.nanoTime() - start >= limitNanos) return false
            }
            return true
        }
    }
}
