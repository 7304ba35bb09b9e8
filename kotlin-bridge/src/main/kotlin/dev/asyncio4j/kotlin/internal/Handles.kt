package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Handle
import dev.asyncio4j.TimerHandle

/**
 * A scheduled callback. It is also the node of the loop's lock-free inbox ([next]), so a
 * `callSoonThreadsafe` allocates nothing beyond this object.
 */
internal open class HandleImpl(@JvmField var callback: Runnable?) : Handle, Runnable {
    @Volatile
    @JvmField
    var cancelled = false

    /** The context to run in (a copy captured when scheduled, or the one given), or null for the loop's base one. */
    @JvmField
    var context: dev.asyncio4j.Context? = null

    /** Inbox link, written only before the handle is published. */
    @JvmField
    var next: HandleImpl? = null

    override fun cancel() {
        if (!cancelled) {
            cancelled = true
            callback = null
        }
    }

    override fun isCancelled(): Boolean = cancelled

    override fun run() {
        val cb = callback
        if (!cancelled && cb != null) cb.run()
    }

    override fun toString(): String {
        val state = if (cancelled) " cancelled" else ""
        val cb = callback?.let { " $it" } ?: ""
        return "<Handle$state$cb>"
    }
}

/** A callback due at [when] on the loop clock; [seq] keeps equal deadlines FIFO. */
internal class TimerHandleImpl(
    private val loop: EventLoopImpl,
    callback: Runnable,
    @JvmField val whenTime: Double,
    @JvmField val seq: Long,
) : HandleImpl(callback), TimerHandle {
    /** Position in the heap, -1 when not in it. */
    @JvmField
    var heapIndex = -1

    override fun `when`(): Double = whenTime

    override fun cancel() {
        if (!cancelled) {
            super.cancel()
            if (heapIndex >= 0) loop.timerCancelled()
        }
    }

    fun isBefore(other: TimerHandleImpl): Boolean =
        whenTime < other.whenTime || (whenTime == other.whenTime && seq < other.seq)

    override fun toString(): String = "<TimerHandle${if (cancelled) " cancelled" else ""} when=$whenTime ${callback ?: ""}>"
}
