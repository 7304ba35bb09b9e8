package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.jdk.internal.VirtualThreads
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.util.concurrent.ExecutorService
import java.util.concurrent.SynchronousQueue
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * The threads that do a child process's blocking work for a loop: starting it, and pumping its pipes (the JDK's
 * process streams only block). A new virtual thread each on JDK 21+; on JDK 17 a daemon thread of an unbounded
 * cached pool (a pump runs as long as its process, so a bounded pool could leave a pipe unread and deadlock the
 * child). Thread-safe.
 */
internal object PipeThreads {
    private val ids = AtomicLong()

    /** Replaces how threads start, for fault-injection tests; `null` (the default) starts real threads. */
    @Volatile
    @JvmField
    var starter: ((String, Runnable) -> Unit)? = null

    private val platform: ExecutorService by lazy {
        ThreadPoolExecutor(0, Int.MAX_VALUE, 30, TimeUnit.SECONDS, SynchronousQueue()) { r ->
            Thread(r, "asyncio4j-pipe-" + ids.incrementAndGet()).apply { isDaemon = true }
        }
    }

    /**
     * Runs [body] on a thread of its own, named [name] while it runs.
     *
     * @throws Throwable what creating the thread threw (an [OutOfMemoryError] for "unable to create native thread",
     *   a [java.util.concurrent.RejectedExecutionException]); [body] then never runs
     */
    fun start(name: String, body: Runnable) {
        val inject = starter
        if (inject != null) {
            inject(name, body)
            return
        }
        if (VirtualThreads.available()) {
            VirtualThreads.newThread(name, body).start()
            return
        }
        platform.execute {
            val me = Thread.currentThread()
            val poolName = me.name
            me.name = name
            try {
                body.run()
            } finally {
                me.name = poolName
            }
        }
    }
}

/** Hands [r] to this loop from a pump thread; false when the loop is closed (the pump then stops). */
internal fun EventLoopImpl.postFromPump(r: Runnable): Boolean = try {
    callSoonThreadsafe(r)
    true
} catch (closed: IllegalStateException) {
    false
}
