package dev.asyncio4j.kotlin.internal

import java.util.concurrent.atomic.AtomicInteger

/**
 * A loop's count of work that runs outside it and will call back into it: a child process whose exit the loop has
 * not seen yet, a pipe pump that is reading for a reader that wants data, a pipe pump with bytes still to write.
 * A loop with virtual time must wait for such work in real time instead of jumping its clock while [pending] is
 * above zero (API.md, "Virtual time for tests").
 *
 * Begun and ended on the loop (the end in the callback that hands the work's last result to the loop, so the count
 * never reads zero while a result is on its way); [pending] may be read from any thread.
 */
internal class OutsideWork {
    private val count = AtomicInteger()

    /** One more piece of outside work. */
    fun begin() {
        count.incrementAndGet()
    }

    /** One piece of outside work is over; its result, if any, was handed to the loop. */
    fun end() {
        check(count.decrementAndGet() >= 0) { "OutsideWork.end() without begin()" }
    }

    /** How many pieces of outside work are outstanding. */
    fun pending(): Int = count.get()

    /** What to do with outside work nobody can wait for any more, by owner. Guarded by `this`. */
    private val onLoopClose = LinkedHashMap<Any, Runnable>()

    /** Whether [loopClosed] ran. Guarded by `this`. */
    private var loopClosed = false

    /**
     * Runs [action] if the loop closes while [owner]'s work is still outstanding (a child process is killed); at once,
     * on the calling thread, if the loop has closed already. Thread-safe: work started off the loop registers before
     * it hands its result to the loop, so a hand-off the closing loop drops leaves nothing running.
     */
    fun onLoopClose(owner: Any, action: Runnable) {
        val closedAlready = synchronized(this) {
            if (!loopClosed) onLoopClose[owner] = action
            loopClosed
        }
        if (closedAlready) runCleanup(action)
    }

    /** [owner]'s work ended or has a new owner: nothing to do for it at the loop's close. Thread-safe. */
    fun forget(owner: Any) {
        synchronized(this) { onLoopClose.remove(owner) }
    }

    /** The loop closes: the actions registered with [onLoopClose], in registration order. */
    fun loopClosed() {
        val actions = synchronized(this) {
            loopClosed = true
            onLoopClose.values.toList().also { onLoopClose.clear() }
        }
        for (action in actions) runCleanup(action)
    }

    private fun runCleanup(action: Runnable) {
        try {
            action.run()
        } catch (e: RuntimeException) {
            EventLoopImpl.LOGGER.log(System.Logger.Level.WARNING, "cleaning up outside work at loop close failed", e)
        }
    }

    /** One piece of work that may stop and start again (a pump pausing): [set] is idempotent. Loop-confined. */
    inner class Slot {
        private var active = false

        /** Counts the work as outstanding ([on]) or not. */
        fun set(on: Boolean) {
            if (on == active) return
            active = on
            if (on) begin() else end()
        }
    }

    override fun toString(): String = "OutsideWork(pending=${count.get()})"
}
