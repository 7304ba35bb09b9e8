package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Future
import dev.asyncio4j.TimerHandle
import dev.asyncio4j.internal.FutureBase

/** Python's `asyncio.sleep`, behind `Asyncio.sleep` (which refuses a NaN delay before it gets here). */
internal object Sleeps {
    fun <T> sleep(loop: EventLoopImpl, seconds: Double, result: T): Future<T> {
        loop.checkThread("sleep")
        return if (seconds <= 0) YieldOnce(loop, result) else SleepFuture(loop, seconds, result)
    }

    /**
     * `sleep(0)`: CPython's bare `yield`, which gives the loop exactly one iteration. The Future completes on the next
     * iteration and runs its waiters right there, instead of one iteration later as a plain Future would.
     */
    private class YieldOnce<T>(loop: EventLoopImpl, private val result: T) : FutureBase<T>(loop) {
        /** Completing inside the scheduled turn, whose [run] follows at once: nothing to schedule. */
        private var completingNow = false

        init {
            loop.enqueue {
                if (!isDone) {
                    completingNow = true
                    completeWithResult(result)
                    completingNow = false
                    run()
                }
            }
        }

        override fun dispatchCallbacks() {
            if (!completingNow) super.dispatchCallbacks()
        }
    }

    /** A Future completed by a timer; cancelling it cancels the timer. */
    private class SleepFuture<T>(loop: EventLoopImpl, seconds: Double, result: T) : FutureBase<T>(loop) {
        private val timer: TimerHandle = loop.callLater(seconds) { if (!isDone) completeWithResult(result) }

        override fun cancelFuture(message: String?): Boolean {
            val cancelled = super.cancelFuture(message)
            if (cancelled) timer.cancel()
            return cancelled
        }
    }
}
