package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.jdk.internal.VirtualThreads
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.locks.LockSupport

/**
 * A loop's idle coroutine threads, reused for the next Java Task's body instead of starting a new thread per Task.
 * Starting a thread (virtual or not) dominated spawning many short Java Tasks; handing a parked idle thread its
 * next body is one more turn hand-off, which costs what an `await` costs.
 *
 * [take] runs on the loop; [giveBack] runs on a body thread while it still holds the turn (the loop waits), so the
 * stack needs no lock. At most [MAX_IDLE] threads wait here, and they end when the loop stops running or closes
 * ([retireIdle]), so a loop left unclosed keeps no thread alive.
 *
 * Like any thread pool, a reused thread keeps the ThreadLocals a previous body left on it: Java bodies should not
 * rely on a fresh thread (the loop itself clears the interrupt status between bodies).
 */
internal class BodyThreads {
    private val idle = ArrayDeque<Worker>()

    /** An idle worker now reserved for the caller, or a new unstarted one. Loop thread. */
    fun take(loop: EventLoopImpl): Worker {
        while (idle.isNotEmpty()) {
            val w = idle.removeLast()
            if (w.state.compareAndSet(IDLE, BUSY)) return w
        }
        return Worker(this, loop)
    }

    /** A body ended on [w]'s thread: keep the thread for the next body, or let it end. Body thread, in its turn. */
    fun giveBack(w: Worker): Boolean {
        if (idle.size >= MAX_IDLE) return false
        w.state.set(IDLE)
        idle.addLast(w)
        return true
    }

    /** Ends every idle thread (the loop stopped running, or closed). Loop thread, or the loop's owner when stopped. */
    fun retireIdle() {
        while (idle.isNotEmpty()) {
            val w = idle.removeLast()
            if (w.state.compareAndSet(IDLE, RETIRED)) LockSupport.unpark(w.thread)
        }
    }

    /** One coroutine thread, running the Java bodies assigned to it one after the other. */
    class Worker(private val pool: BodyThreads, private val loop: EventLoopImpl) : Runnable {
        @JvmField
        val state = AtomicInteger(BUSY)

        @Volatile
        private var assigned: JavaBody<*>? = null

        /** The body running on this thread now (read by `Asyncio.await` through [JavaBody.awaitFromAnywhere]). */
        @JvmField
        var body: JavaBody<*>? = null

        @JvmField
        val thread: Thread = FACTORY.newThread(this)

        private var started = false

        /** Loop thread: run [body] on this worker's thread (whose turn it already is). */
        fun assign(body: JavaBody<*>) {
            assigned = body
            if (!started) {
                started = true
                thread.start()
            } else {
                LockSupport.unpark(thread)
            }
        }

        override fun run() {
            RunningLoop.set(loop)
            JavaBody.bindWorker(this)
            try {
                while (true) {
                    val next = assigned ?: return
                    assigned = null
                    Thread.interrupted() // a previous body's interrupt must not leak into this one
                    body = next
                    val kept = next.runOn(this)
                    if (!kept || !awaitNextBody()) return
                }
            } finally {
                body = null
                JavaBody.bindWorker(null)
                RunningLoop.set(null)
            }
        }

        /** Called by the body at its end, before it hands the turn back. */
        fun release(): Boolean {
            body = null
            return pool.giveBack(this)
        }

        private fun awaitNextBody(): Boolean {
            while (true) {
                if (assigned != null) return true
                if (state.get() == RETIRED) return false
                LockSupport.park(this)
            }
        }
    }

    companion object {
        const val BUSY = 0
        const val IDLE = 1
        const val RETIRED = 2
        const val MAX_IDLE = 64
        /**
         * Virtual threads all share one name: numbering them cost a string per Task, which showed in profiles of
         * 100k concurrent Java Tasks. Platform threads (JDK 17) are few and costly anyway, so they keep numbers.
         */
        private val FACTORY: java.util.concurrent.ThreadFactory =
            if (VirtualThreads.available()) {
                java.util.concurrent.ThreadFactory { r -> VirtualThreads.newThread("asyncio4j-task", r) }
            } else {
                VirtualThreads.factory("asyncio4j-task-")
            }
    }
}
