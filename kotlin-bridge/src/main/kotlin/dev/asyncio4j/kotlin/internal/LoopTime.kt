package dev.asyncio4j.kotlin.internal

/**
 * Where a loop's time comes from, and what the loop does when nothing is ready: the one seam between the run loop
 * and virtual time. Every loop the SDK makes uses [RealTime]; a test loop ([VirtualTimeLoop]) uses [VirtualClock].
 * [now] may be called from any thread; [idleWait] only by the loop's iteration, on its thread.
 */
internal interface LoopTime {
    /** The loop's `time()`, in seconds. */
    fun now(): Double

    /**
     * Nothing is ready and the loop is not stopping: how long to wait in real time, in nanoseconds, for events (0:
     * only poll, then run what is due; negative: until woken). [nextTimer] is the earliest live timer's deadline,
     * `+∞` when there is none. A virtual clock may move itself, or stop the loop, before it answers.
     */
    fun idleWait(loop: EventLoopImpl, nextTimer: Double): Long
}

/** Real time: [LoopClock], and a wait until the first timer is due. */
internal object RealTime : LoopTime {
    private const val MAX_PARK_SECONDS = 86_400.0 * 365

    override fun now(): Double = LoopClock.now()

    override fun idleWait(loop: EventLoopImpl, nextTimer: Double): Long {
        val delay = nextTimer - now()
        return when {
            delay <= 0 -> 0
            delay >= MAX_PARK_SECONDS -> -1
            else -> (delay * 1e9).toLong().coerceAtLeast(1)
        }
    }
}
