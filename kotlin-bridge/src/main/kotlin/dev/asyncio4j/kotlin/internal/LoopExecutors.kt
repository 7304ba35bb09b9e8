package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Future
import dev.asyncio4j.internal.FutureBase
import dev.asyncio4j.jdk.internal.VirtualThreads
import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.FutureTask
import java.util.concurrent.SynchronousQueue
import java.util.concurrent.ThreadFactory
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * The loop's executors (Python's `run_in_executor` and default executor). The default one, created on first use, is
 * a cached pool of daemon platform threads with no bound ([newDefault]). Every method here runs on the loop's thread
 * (or while the loop is not running); only [FutureTask.done] runs on the worker thread, and it crosses back through
 * `callSoonThreadsafe`.
 */
internal class LoopExecutors(private val loop: EventLoopImpl) {
    private var default: ExecutorService? = null
    private var shutdownCalled = false

    fun <T> runInExecutor(executor: Executor?, fn: Callable<T>): Future<T> {
        java.util.Objects.requireNonNull(fn, "fn")
        val target = executor ?: defaultExecutor()
        val future = FutureBase<T>(loop)
        // Outside work until its result is back on the loop: a virtual-time loop waits for it instead of jumping.
        val job = loop.outsideWork.Job()
        val work = object : FutureTask<T>(fn) {
            override fun run() = loop.outsideWork.runAsJob(job) { super.run() }

            override fun done() {
                try {
                    loop.callSoonThreadsafe {
                        job.finish()
                        copyInto(this, future)
                    }
                } catch (closed: IllegalStateException) {
                    // the loop closed while the function ran: nobody is left to tell
                }
            }
        }
        // Like Python's _chain_future: cancelling the Future cancels work that has not started yet.
        future.addInternalCallback { f -> if (f.isCancelled) work.cancel(false) }
        try {
            target.execute(work)
        } catch (t: Throwable) {
            job.finish()
            throw t
        }
        return future
    }

    private fun <T> copyInto(work: FutureTask<T>, future: FutureBase<T>) {
        if (future.isDone) return
        try {
            future.setResult(work.get())
        } catch (e: CancellationException) {
            future.cancel()
        } catch (e: ExecutionException) {
            future.setException(e.cause ?: e)
        }
    }

    private fun defaultExecutor(): ExecutorService {
        if (shutdownCalled) {
            throw IllegalStateException(
                "Executor shutdown has been called: the default executor of this loop is gone; " +
                    "pass your own executor to runInExecutor(...)"
            )
        }
        return default ?: newDefault().also { default = it }
    }

    fun setDefault(executor: ExecutorService) {
        java.util.Objects.requireNonNull(executor, "executor")
        loop.checkThread("setDefaultExecutor")
        default = executor
    }

    @Suppress("UNCHECKED_CAST")
    fun shutdownDefault(): Future<Void> = shutdownDefaultNullable() as Future<Void>

    /** Python's `shutdown_default_executor`: the joining happens on a helper thread so the loop keeps running. */
    private fun shutdownDefaultNullable(): Future<Void?> {
        loop.checkThread("shutdownDefaultExecutor")
        shutdownCalled = true
        val done = FutureBase<Void?>(loop)
        val executor = default
        if (executor == null) {
            done.setResult(null)
            return done
        }
        val waiter = Thread({
            try {
                executor.shutdown()
                if (!executor.awaitTermination(THREAD_JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    EventLoopImpl.LOGGER.log(
                        System.Logger.Level.WARNING,
                        "The default executor did not finish joining its threads within $THREAD_JOIN_TIMEOUT_SECONDS seconds."
                    )
                }
            } catch (e: InterruptedException) {
                Thread.currentThread().interrupt()
            } finally {
                try {
                    loop.callSoonThreadsafe { if (!done.isDone) done.setResult(null) }
                } catch (closed: IllegalStateException) {
                    // closed meanwhile: nobody waits any more
                }
            }
        }, "asyncio4j-executor-shutdown")
        waiter.isDaemon = true
        waiter.start()
        return done
    }

    /** Python's `close()`: no more default executor, and the current one is shut down without waiting. */
    fun shutdownOnClose() {
        shutdownCalled = true
        val executor = default ?: return
        default = null
        executor.shutdown()
    }

    companion object {
        private const val THREAD_JOIN_TIMEOUT_SECONDS = 300L

        private val EXECUTOR_THREAD_IDS = AtomicLong()

        /**
         * Platform threads, never virtual ones: on JDK 21+ the loop and the Java bodies ride the virtual-thread
         * carriers (one per core), and virtual threads are never preempted, so CPU-bound jobs on virtual threads
         * froze the loop until they ended. A platform thread per job is scheduled by the OS beside the carriers.
         * Unbounded (idle threads end after 60 s), so that thousands of blocking jobs still run at once; reused, so
         * short jobs do not pay a thread start each. Threads inherit no InheritableThreadLocal from the loop.
         */
        fun newDefault(): ExecutorService {
            val factory = ThreadFactory { r ->
                Thread(null, r, "asyncio4j-executor-" + EXECUTOR_THREAD_IDS.incrementAndGet(), 0, false)
                    .apply { isDaemon = true }
            }
            return ThreadPoolExecutor(0, Int.MAX_VALUE, 60, TimeUnit.SECONDS, SynchronousQueue(), factory)
        }
    }
}
