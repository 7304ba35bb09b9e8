@file:JvmName("KotlinTimeouts")

package dev.asyncio4j.kotlin

import dev.asyncio4j.CancelledError
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Handle
import dev.asyncio4j.Task
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.kotlin.internal.TaskElement
import kotlinx.coroutines.Job
import kotlin.coroutines.coroutineContext

/**
 * Python's `async with asyncio.timeout(seconds): ...`: runs [block] inline, in the current Task, and throws
 * [TimeoutError] if it has not finished after [seconds] of loop time. `Double.POSITIVE_INFINITY` never expires.
 *
 * Not kotlinx's `withTimeout`: on expiry the *Task* is cancelled at its current `Future.await()` / [sleep] (a
 * [CancelledError] thrown there, which the block may catch), and when the block ends the cancellation is turned into
 * [TimeoutError] only if it came from this timeout (CPython 3.12's `cancelling()`/`uncancel()` rule). A cancellation
 * from elsewhere stays a [CancelledError]; nested timeouts each report their own expiry. A block suspended in a
 * kotlinx primitive (`delay`, a Channel) is cancelled the kotlinx way, through the Task's Job, which stays
 * cancelled: inside a timeout, await asyncio Futures.
 *
 * @throws IllegalStateException unless called from a Task's own coroutine (not a child coroutine it launched)
 */
suspend fun <T> withAsyncioTimeout(seconds: Double, block: suspend () -> T): T {
    if (seconds.isNaN()) throw IllegalArgumentException("withAsyncioTimeout() delay is NaN: pass a number of seconds")
    val task = requireOwnTask("withAsyncioTimeout")
    return runWithDeadline(task, task.loop.time() + seconds, block)
}

/** [withAsyncioTimeout] with an absolute deadline on the loop's clock ([EventLoop.time]), Python's `timeout_at`. */
suspend fun <T> withAsyncioTimeoutAt(deadline: Double, block: suspend () -> T): T {
    if (deadline.isNaN()) throw IllegalArgumentException("withAsyncioTimeoutAt() deadline is NaN: pass a loop.time() value")
    return runWithDeadline(requireOwnTask("withAsyncioTimeoutAt"), deadline, block)
}

private suspend fun <T> runWithDeadline(task: Task<*>, deadline: Double, block: suspend () -> T): T {
    val timeout = InlineTimeout(task.loop, task, deadline)
    val result = try {
        block()
    } catch (t: Throwable) {
        throw timeout.exit(t) ?: t
    }
    timeout.exit(null)?.let { throw it }
    return result
}

/** The Task whose own coroutine is calling: inline helpers cancel and un-cancel it. */
internal suspend fun requireOwnTask(what: String): Task<*> {
    val context = coroutineContext
    val task = context[TaskElement]?.task
    if (task == null || context[Job] !== task.job) {
        throw IllegalStateException(
            "$what() must be called from an asyncio4j Task's own coroutine (launchTask { ... } or asyncioRun { ... }), " +
                "not from a child coroutine or a foreign coroutine"
        )
    }
    return task
}

/** CPython 3.12's `Timeout` between `__aenter__` and `__aexit__`. */
private class InlineTimeout(loop: EventLoop, private val task: Task<*>, deadline: Double) {
    private enum class State { ENTERED, EXPIRING, EXPIRED, EXITED }

    private val cancellingOnEntry = task.cancelling()
    private var state = State.ENTERED
    private var handle: Handle? = when {
        deadline == Double.POSITIVE_INFINITY -> null
        deadline <= loop.time() -> loop.callSoon(::onTimeout)
        else -> loop.callAt(deadline, ::onTimeout)
    }

    private fun onTimeout() {
        if (state != State.ENTERED) return
        task.cancel()
        state = State.EXPIRING
        handle = null
    }

    /** Leaves the block: returns what to throw instead of [error] (a TimeoutError), [error] itself, or null. */
    fun exit(error: Throwable?): Throwable? {
        handle?.cancel()
        handle = null
        if (state == State.EXPIRING) {
            state = State.EXPIRED
            if (task.uncancel() <= cancellingOnEntry && error is CancelledError) {
                return TimeoutError("the block did not finish before its deadline", error)
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED
        }
        return error
    }
}
