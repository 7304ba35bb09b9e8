package dev.asyncio4j.kotlin.internal

/**
 * A loop's virtual time (the clock of [VirtualTimeLoop]): `time()` starts at 0.0 and moves only when the loop decides
 * so, never by itself. [now] is read from any thread; everything else runs on the loop's thread or while it is not
 * running.
 *
 * How it decides when nothing is ready ([idleWait]), by what is driving the loop ([Drive]):
 * - [Drive.RUN] (`runForever`, `runUntilComplete`): with autojump on and no work outstanding outside the loop
 *   ([OutsideWork]), the clock jumps to the first timer, but only after one poll for events found nothing more to
 *   do (a client that connected, bytes that arrived: their callbacks run first, and may start outside work); with
 *   work outside, or autojump off, the loop waits in real time for events (the outside work hands its result back
 *   through the inbox, which wakes the loop). A timer at `+∞` is never jumped to.
 * - [Drive.READY] (`runReady`): the loop stops; the clock stays.
 * - [Drive.UNTIL] (`advance`, `advanceTo`): the clock jumps to each timer due by the target, then to the target, and
 *   the loop stops.
 * - [Drive.IDLE] (`runUntilIdle`): the clock jumps to each timer; with no finite timer left the loop stops.
 * The last three never wait for outside work: they are steps a test takes, not waits.
 */
internal class VirtualClock : LoopTime {
    /** What is driving the loop now. */
    enum class Drive { RUN, READY, UNTIL, IDLE }

    @Volatile
    private var now = 0.0

    @Volatile
    var autojump = true

    var drive = Drive.RUN

    /** [Drive.UNTIL]'s target time. */
    var target = 0.0

    /** [Drive.RUN]: the loop polled for events since the last jump (a jump comes only after a poll). */
    private var polled = false

    override fun now(): Double = now

    /** Moves the clock forward to [time] (never back). */
    fun moveTo(time: Double) {
        if (time > now) now = time
    }

    override fun idleWait(loop: EventLoopImpl, nextTimer: Double): Long {
        // A timer already due: the iteration runs it at the current time.
        if (nextTimer < now + LoopClock.RESOLUTION) return 0
        val finite = nextTimer != Double.POSITIVE_INFINITY
        when (drive) {
            Drive.RUN -> {
                if (autojump && finite && loop.outsideWork.pending() == 0) {
                    // First look whether events are ready (the iteration polls and runs them); jump next time.
                    if (!polled) {
                        polled = true
                        return 0
                    }
                    polled = false
                    moveTo(nextTimer)
                    return 0
                }
                // Until woken: an outside job's result, a thread-safe call, or ready I/O.
                return -1
            }
            Drive.READY -> loop.stop()
            Drive.UNTIL -> if (nextTimer <= target) moveTo(nextTimer) else {
                moveTo(target)
                loop.stop()
            }
            Drive.IDLE -> if (finite) moveTo(nextTimer) else loop.stop()
        }
        return 0
    }

    override fun toString(): String = "VirtualClock(now=$now, autojump=$autojump)"
}
