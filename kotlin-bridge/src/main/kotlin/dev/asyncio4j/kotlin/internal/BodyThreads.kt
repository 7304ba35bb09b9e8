package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.jdk.internal.VirtualThreads
import java.util.concurrent.ConcurrentLinkedDeque
import java.util.concurrent.ThreadFactory
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.locks.LockSupport

/**
 * The coroutine threads of Java Task bodies. Nothing one body leaves on its thread (ThreadLocals, inheritable or
 * not, the context class loader, the name, the priority, the uncaught-exception handler, the interrupt status) is
 * ever seen by another Task's body:
 *
 * - JDK 21+: a new virtual thread per body (cheap to start), which inherits no InheritableThreadLocal from the thread
 *   that starts it (that may be another body's).
 * - JDK 17–20: platform threads are costly to start, so a finished body's thread waits idle (at most [MAX_IDLE]
 *   JVM-wide, each for [KEEP_ALIVE_SECONDS]) for the next body, and is wiped first: [ThreadReset] empties its
 *   ThreadLocal maps, and its name, priority, handler and interrupt status are put back. Where [ThreadReset] is not
 *   available, every body gets a new platform thread.
 *
 * Each body starts with the context class loader of the thread that runs its loop. Idle threads belong to no loop
 * and refer to none, so a loop dropped without `close()` stays collectable.
 */
internal object BodyThreads {
    /** Makes the threads; tests replace it to inject faults (a thread that cannot start). */
    @JvmStatic
    @Volatile
    var threadFactory: ThreadFactory = defaultFactory()

    private const val MAX_IDLE = 64
    private const val KEEP_ALIVE_SECONDS = 30L
    private val REUSE = !VirtualThreads.available() && ThreadReset.AVAILABLE
    private val idle = ConcurrentLinkedDeque<Worker>()
    private val idleCount = AtomicInteger()

    /**
     * A coroutine thread for [body], not yet running it: a [Worker] (reused platform threads) or a new [Thread].
     * Call [threadOf] to know the thread, then [launch] once it is the body's turn. Throws what creating a thread
     * throws, having taken nothing.
     */
    fun prepare(body: Runnable, contextClassLoader: ClassLoader?): Any {
        if (!REUSE) {
            val t = threadFactory.newThread(body)
            t.contextClassLoader = contextClassLoader
            return t
        }
        while (true) {
            val w = idle.pollLast() ?: break
            idleCount.decrementAndGet()
            if (w.state.compareAndSet(IDLE, BUSY)) {
                w.thread.contextClassLoader = contextClassLoader
                w.next = body
                return w
            }
        }
        val w = Worker()
        val t = threadFactory.newThread(w)
        t.contextClassLoader = contextClassLoader
        w.thread = t
        w.next = body
        return w
    }

    /** Ends every idle thread (JDK 17–20), so that the next body gets a new one from [threadFactory]. */
    @JvmStatic
    fun retireIdle() {
        while (true) {
            val w = idle.pollLast() ?: return
            idleCount.decrementAndGet()
            if (w.state.compareAndSet(IDLE, RETIRED)) LockSupport.unpark(w.thread)
        }
    }

    /** The thread [prepare] chose. */
    fun threadOf(prepared: Any): Thread = if (prepared is Worker) prepared.thread else prepared as Thread

    /** Lets the prepared thread run its body: starts it, or wakes the idle one. Throws what `Thread.start` throws. */
    fun launch(prepared: Any) {
        if (prepared is Worker) prepared.launch() else (prepared as Thread).start()
    }

    private fun defaultFactory(): ThreadFactory {
        // Virtual threads all share one name: numbering them cost a string per Task, which showed in profiles of
        // 100k concurrent Java Tasks. Platform threads (JDK 17) are few and costly anyway, so they keep numbers.
        if (VirtualThreads.available()) return VirtualThreads.isolatedFactory("asyncio4j-task")
        val ids = AtomicLong()
        return ThreadFactory { r ->
            Thread(null, r, "asyncio4j-task-" + ids.incrementAndGet(), 0, false).apply { isDaemon = true }
        }
    }

    private const val BUSY = 0
    private const val IDLE = 1
    private const val RETIRED = 2

    /** A reusable platform thread (JDK 17–20): runs the bodies assigned to it one after the other. */
    private class Worker : Runnable {
        @JvmField
        val state = AtomicInteger(BUSY)

        /** The body [prepare] chose this thread for, until [launch]. */
        @JvmField
        var next: Runnable? = null

        @Volatile
        @JvmField
        var assigned: Runnable? = null

        lateinit var thread: Thread

        private var started = false

        fun launch() {
            assigned = next
            next = null
            if (started) {
                LockSupport.unpark(thread)
            } else {
                started = true
                try {
                    thread.start()
                } catch (t: Throwable) {
                    started = false
                    next = assigned
                    assigned = null
                    throw t
                }
            }
        }

        override fun run() {
            val me = Thread.currentThread()
            val name = me.name
            val priority = me.priority
            while (true) {
                val body = assigned ?: return
                assigned = null
                body.run()
                // The body handed its last turn back: wipe what it left on this thread before anyone else runs here.
                ThreadReset.clearLocals()
                if (me.name != name) me.name = name // each set is a system call: only when changed
                if (me.priority != priority) me.priority = priority
                me.uncaughtExceptionHandler = null
                me.contextClassLoader = null
                Thread.interrupted()
                if (!awaitNextBody()) return
            }
        }

        /** Waits idle for the next body; false when retired (too many idle, or kept alive long enough). */
        private fun awaitNextBody(): Boolean {
            if (idleCount.incrementAndGet() > MAX_IDLE) {
                idleCount.decrementAndGet()
                return false
            }
            state.set(IDLE)
            idle.addLast(this)
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS)
            while (true) {
                if (assigned != null) return true
                if (state.get() == RETIRED) return false
                val left = deadline - System.nanoTime()
                if (left <= 0 && state.compareAndSet(IDLE, RETIRED)) {
                    if (idle.removeLastOccurrence(this)) idleCount.decrementAndGet()
                    return false
                }
                LockSupport.parkNanos(this, left.coerceAtLeast(1_000_000))
                Thread.interrupted() // a flag set from outside must not turn this wait into a spin
            }
        }
    }
}
