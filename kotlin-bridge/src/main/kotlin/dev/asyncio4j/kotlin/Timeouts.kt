@file:JvmName("KotlinTimeouts")

package dev.asyncio4j.kotlin

import dev.asyncio4j.CancelledError
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.internal.InlineTimeout
import dev.asyncio4j.kotlin.internal.inSeconds
import dev.asyncio4j.kotlin.internal.requireOwnTask
import kotlin.time.Duration

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
    InlineTimeout.checkDelay(seconds, "withAsyncioTimeout")
    val task = requireOwnTask("withAsyncioTimeout")
    return runWithDeadline(task, task.loop.time() + seconds, block)
}

/** [withAsyncioTimeout] with a Kotlin [Duration] ([Duration.INFINITE]: none). */
suspend fun <T> withAsyncioTimeout(timeout: Duration, block: suspend () -> T): T =
    withAsyncioTimeout(timeout.inSeconds(), block)

/** [withAsyncioTimeout] with an absolute deadline on the loop's clock ([EventLoop.time]), Python's `timeout_at`. */
suspend fun <T> withAsyncioTimeoutAt(deadline: Double, block: suspend () -> T): T {
    InlineTimeout.checkDeadline(deadline, "withAsyncioTimeoutAt")
    return runWithDeadline(requireOwnTask("withAsyncioTimeoutAt"), deadline, block)
}

/**
 * The Kotlin way of running the block of the shared rule ([InlineTimeout]): a suspending call in the Task's coroutine.
 */
private suspend fun <T> runWithDeadline(task: Task<*>, deadline: Double, block: suspend () -> T): T {
    val timeout = InlineTimeout(task.loop, task, deadline)
    val result = try {
        block()
    } catch (t: Throwable) {
        throw timeout.exit(t)
    }
    return timeout.exitWith(result, "withAsyncioTimeout(0.2) { future.await() }")
}
