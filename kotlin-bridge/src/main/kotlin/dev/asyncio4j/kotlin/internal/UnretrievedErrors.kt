package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Future
import java.lang.ref.Cleaner
import java.lang.ref.WeakReference
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Python's "exception was never retrieved": a failed Future nobody looked at is reported to the loop's exception
 * handler when it becomes unreachable or when its loop closes, whichever comes first. Only failed Futures are
 * tracked, so the cost stays off the success path.
 */
internal class UnretrievedErrors(private val loop: EventLoopImpl) {
    /** Reports not yet retrieved nor reported. Concurrent: a foreign thread's toCompletableFuture() retrieves too. */
    private val pending: MutableSet<Report> = ConcurrentHashMap.newKeySet()

    inner class Report(future: FutureImpl<*>, @JvmField val error: Throwable) : Runnable {
        private val futureRef = WeakReference<Future<*>>(future)
        private val message = (if (future is TaskImpl<*>) "Task" else "Future") + " exception was never retrieved"
        private val description = future.toString()
        private val done = AtomicBoolean()

        /** The Future's owner looked at the error: never report it. */
        fun retrieved() {
            if (done.compareAndSet(false, true)) pending.remove(this)
        }

        /** Cleaner thread: the Future became unreachable. */
        override fun run() {
            if (done.get() || loop.isClosed) return
            try {
                loop.callSoonThreadsafe { report() }
            } catch (closed: IllegalStateException) {
                // closed meanwhile: close() reported it
            }
        }

        fun report() {
            if (!done.compareAndSet(false, true)) return
            pending.remove(this)
            val future = futureRef.get()
            loop.callExceptionHandler(
                ExceptionContext(if (future == null) "$message: $description" else message, error, future, null)
            )
        }
    }

    fun track(future: FutureImpl<*>, error: Throwable): Report {
        val report = Report(future, error)
        pending.add(report)
        CLEANER.register(future, report)
        return report
    }

    fun reportAll() {
        for (r in pending.toList()) r.report()
    }

    companion object {
        private val CLEANER: Cleaner = Cleaner.create()
    }
}
