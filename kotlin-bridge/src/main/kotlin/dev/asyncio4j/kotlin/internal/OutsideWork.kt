package dev.asyncio4j.kotlin.internal

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger

/**
 * A loop's count of work that runs outside it and will call back into it: a child process whose exit the loop has
 * not seen yet, a pipe pump that is reading for a reader that wants data, a pipe pump with bytes still to write, an
 * executor job, a connect (with its TLS handshake) in progress, a TLS handshake of an accepted connection, a
 * `StreamReader` waiting for data from a peer that is not on this loop.
 * A loop with virtual time must wait for such work in real time instead of jumping its clock while [pending] is
 * above zero (API.md, "Virtual time for tests").
 *
 * Begun and ended on the loop (the end in the callback that hands the work's last result to the loop, so the count
 * never reads zero while a result is on its way); [pending] may be read from any thread.
 *
 * A job that blocks until the loop completes something (an executor job calling `runCoroutineThreadsafe(...).get()`)
 * is not outside work while it waits: the loop would wait for the job and the job for the loop. [runAsJob] marks the
 * job's thread; [pauseCallingJob] takes such a job out of the count while it blocks (the thread-safe future puts it
 * back, on the loop, before it completes: `dev.asyncio4j.internal.LoopWaitingFuture`).
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

    /** The outstanding work begun with [begin] (owner, what), for [describe]. */
    private val named = ConcurrentHashMap<Any, String>()

    /** [owner]'s work begins, described by [what] (for the wall-clock guard's message). Idempotent per owner. */
    fun begin(owner: Any, what: String) {
        if (named.put(owner, what) == null) begin()
    }

    /** [owner]'s work (begun with [begin]) is over. Idempotent. */
    fun end(owner: Any) {
        if (named.remove(owner) != null) end()
    }

    /** What is outstanding, in words (any thread; a snapshot). */
    fun describe(): String {
        val what = named.values.toList()
        val others = count.get() - what.size
        val parts = ArrayList(what)
        if (others > 0) parts.add("$others executor job(s), toThread call(s), subprocess(es) or pipe(s)")
        return if (parts.isEmpty()) "none" else parts.joinToString("; ")
    }

    /** Runs [body] on the calling (worker) thread as [job], so that a wait of the loop's can pause it. */
    fun runAsJob(job: Job, body: Runnable) {
        val outer = RUNNING_JOB.get()
        RUNNING_JOB.set(job)
        try {
            body.run()
        } finally {
            RUNNING_JOB.set(outer)
        }
    }

    /**
     * The calling thread is about to block until the loop completes something: if it runs one of this loop's jobs
     * ([runAsJob]), the job stops counting, [wake] is called (a loop waiting for the job looks again), and the
     * answer is what counts the job again (idempotent; a no-op once the job is over). Otherwise null. Any thread.
     */
    fun pauseCallingJob(wake: Runnable): Runnable? {
        val job = RUNNING_JOB.get()
        if (job == null || job.work() !== this || !job.pause()) return null
        wake.run()
        return Runnable { job.resume() }
    }

    /**
     * One executor job: counted from its creation until [finish] (its result handed to the loop, or the job
     * cancelled), except while it blocks on the loop ([pauseCallingJob]). Thread-safe.
     */
    inner class Job {
        private var held = true
        private var over = false

        init {
            begin()
        }

        internal fun work(): OutsideWork = this@OutsideWork

        @Synchronized
        internal fun pause(): Boolean {
            if (!held || over) return false
            held = false
            end()
            return true
        }

        @Synchronized
        internal fun resume() {
            if (held || over) return
            held = true
            begin()
        }

        /** The job's result is on the loop (or nobody waits for it any more): it no longer counts. Idempotent. */
        @Synchronized
        fun finish() {
            if (over) return
            over = true
            if (held) {
                held = false
                end()
            }
        }
    }

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

    private companion object {
        /** The loop whose job the current thread runs ([runAsJob]), or null. */
        val RUNNING_JOB = ThreadLocal<OutsideWork.Job?>()
    }
}
