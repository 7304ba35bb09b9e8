package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.ExceptionHandler
import java.lang.ref.Cleaner

/**
 * What a loop leaves behind that outlives the loop object: the threads of its Java Tasks' bodies, parked in an
 * await. A loop dropped without `close()` is garbage like any other (CPython collects it too) — nothing reachable from
 * a parked body's thread refers to the loop (see [JavaBody]) — but the threads themselves are GC roots and would wait
 * forever. Registered with a [Cleaner] for its loop ([register]): once the loop is unreachable, each pending Java
 * Task is reported to the loop's exception handler ("Task was destroyed but it is pending!", as CPython's
 * `Task.__del__`) and its body woken with a CancelledError, one at a time, on a thread of its own, so that its
 * `finally` blocks run and its thread ends. Bodies on continuations (see [JavaBody]) hold no thread, but are listed
 * too: their report is made and their `finally` blocks run the same way.
 *
 * Must never refer to the loop. The list of live bodies is changed only by the thread holding the loop's turn, and
 * read by the cleanup only once the loop is unreachable.
 */
internal class LoopRemains : Runnable {
    /** The loop's exception handler (null: the default), mirrored by the loop. */
    @Volatile
    @JvmField
    var handler: ExceptionHandler? = null

    @Volatile
    @JvmField
    var debug = false

    /** The loop closed: it abandoned its bodies itself. */
    @Volatile
    private var closed = false

    private var live: JavaBody<*>? = null

    /** A body's thread started. */
    fun link(body: JavaBody<*>) {
        val head = live
        body.nextLive = head
        body.prevLive = null
        if (head != null) head.prevLive = body
        live = body
    }

    /** A body finished. */
    fun unlink(body: JavaBody<*>) {
        val prev = body.prevLive
        val next = body.nextLive
        if (prev == null) {
            if (live === body) live = next
        } else {
            prev.nextLive = next
        }
        next?.prevLive = prev
        body.prevLive = null
        body.nextLive = null
    }

    /** Started, unfinished bodies, oldest first, unlinked. */
    fun takeAll(): List<JavaBody<*>> {
        val out = ArrayList<JavaBody<*>>()
        var b = live
        while (b != null) {
            out.add(b)
            b = b.nextLive
        }
        for (body in out) unlink(body)
        out.reverse()
        return out
    }

    /** The loop closed: nothing is left for the cleanup to do. */
    fun markClosed() {
        closed = true
    }

    /** The Cleaner's action: the loop became unreachable. */
    override fun run() {
        if (closed || live == null) return
        // Bodies may block in their finally blocks: not on the Cleaner's shared thread.
        val cleanup = Thread(::abandonBodies, "asyncio4j-dropped-loop-cleanup")
        cleanup.isDaemon = true
        cleanup.start()
    }

    private fun abandonBodies() {
        // The handler is given a loop: the real one is gone, so a closed stand-in with the same handler and flags.
        val standIn = EventLoopImpl()
        standIn.setExceptionHandler(handler)
        standIn.setDebug(debug)
        standIn.close()
        for (body in takeAll()) {
            val task = "\ntask: " + body.describeTask()
            standIn.callExceptionHandler(ExceptionContext(DESTROYED + task, null, null, null))
            if (body.abandonAndWait()) standIn.callExceptionHandler(ExceptionContext(IGNORED + task, null, null, null))
        }
    }

    companion object {
        const val DESTROYED = "Task was destroyed but it is pending!"

        private val CLEANER: Cleaner = Cleaner.create()

        const val IGNORED =
            "Task ignored the cancellation of its loop's close: its body awaited again, so its thread stays parked"

        /** Cleans up after [loop] once it is unreachable; the returned handle runs [remains] (a no-op once closed). */
        fun register(loop: EventLoopImpl, remains: LoopRemains): Cleaner.Cleanable = CLEANER.register(loop, remains)
    }
}
