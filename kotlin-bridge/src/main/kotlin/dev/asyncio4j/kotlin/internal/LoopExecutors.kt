package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Future
import dev.asyncio4j.jdk.VirtualThreads
import java.util.concurrent.Callable
import java.util.concurrent.CancellationException
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.FutureTask
import java.util.concurrent.TimeUnit

/**
 * The loop's executors (Python's `run_in_executor` and default executor): a virtual thread per task where the JDK
 * has them, else a pool of `min(32, cpus + 4)` daemon threads, created on first use.
 */
internal class LoopExecutors(private val loop: EventLoopImpl) {
    private var default: ExecutorService? = null
    private var shuttingDown = false

    fun <T> runInExecutor(executor: Executor?, fn: Callable<T>): Future<T> {
        java.util.Objects.requireNonNull(fn, "fn")
        val target = executor ?: defaultExecutor()
        val future = FutureImpl<T>(loop)
        val work = object : FutureTask<T>(fn) {
            override fun done() {
                if (loop.isClosed) return
                try {
                    loop.callSoonThreadsafe { copyInto(this, future) }
                } catch (closed: IllegalStateException) {
                    // the loop closed while the function ran: nobody is left to tell
                }
            }
        }
        future.addDoneCallback { f -> if (f.isCancelled) work.cancel(false) }
        target.execute(work)
        return future
    }

    private fun <T> copyInto(work: FutureTask<T>, future: FutureImpl<T>) {
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
        if (shuttingDown) throw IllegalStateException("Executor shutdown has been called: the default executor of this loop is gone")
        return default ?: newDefault().also { default = it }
    }

    fun setDefault(executor: ExecutorService) {
        java.util.Objects.requireNonNull(executor, "executor")
        default = executor
    }

    @Suppress("UNCHECKED_CAST")
    fun shutdownDefault(): Future<Void> = shutdownDefaultNullable() as Future<Void>

    private fun shutdownDefaultNullable(): Future<Void?> {
        shuttingDown = true
        val done = FutureImpl<Void?>(loop)
        val executor = default
        if (executor == null) {
            done.setResult(null)
            return done
        }
        val waiter = Thread({
            try {
                executor.shutdown()
                if (!executor.awaitTermination(THREAD_JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    EventLoopImpl.LOGGER.log(System.Logger.Level.WARNING,
                        "The default executor did not finish joining its threads within $THREAD_JOIN_TIMEOUT_SECONDS seconds.")
                }
            } catch (e: InterruptedException) {
                Thread.currentThread().interrupt()
            } finally {
                if (!loop.isClosed) loop.callSoonThreadsafe { if (!done.isDone) done.setResult(null) }
            }
        }, "asyncio4j-executor-shutdown")
        waiter.isDaemon = true
        waiter.start()
        return done
    }

    fun shutdownOnClose() {
        shuttingDown = true
        default?.shutdown()
    }

    companion object {
        private const val THREAD_JOIN_TIMEOUT_SECONDS = 300L

        fun newDefault(): ExecutorService = VirtualThreads.newDefaultExecutor("asyncio4j-executor-")
    }
}
