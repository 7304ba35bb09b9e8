@file:JvmName("KotlinCombinators")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.CancelledError
import dev.asyncio4j.Future
import dev.asyncio4j.ReturnWhen
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.WaitResult
import dev.asyncio4j.kotlin.internal.inSeconds
import kotlinx.coroutines.CoroutineScope
import kotlin.time.Duration

/*
 * Python's asyncio combinators for Kotlin: thin suspending wrappers over the Java ones (dev.asyncio4j.Asyncio), so
 * Java and Kotlin code combine the same Futures and Tasks with the same semantics. Call them from a Task of the
 * running loop (or another coroutine on its dispatcher). Where a function takes `suspend` blocks, each block runs as
 * a new Task of the running loop, as Python wraps a coroutine passed to gather() or wait_for() in a Task.
 */

/**
 * Python's `await asyncio.gather(*fs)`: every result, in argument order, whatever the completion order. The first
 * failure (a cancelled child counts as a [CancelledError]) is thrown while the other children keep running.
 * Cancelling the awaiting Task cancels every unfinished child. The same Future given twice appears twice.
 */
suspend fun <T> gather(vararg fs: Future<out T>): List<T> = Asyncio.gather<T>(fs.asList()).await()

/** [gather] over a collection. */
suspend fun <T> gather(fs: Collection<Future<out T>>): List<T> = Asyncio.gather<T>(fs).await()

/** [gather] of `suspend` blocks, each run as a new Task of the running loop (created in argument order). */
suspend fun <T> gather(vararg blocks: suspend CoroutineScope.() -> T): List<T> =
    gather(blocks.map { createTask(block = it) })

/**
 * Python's `await asyncio.gather(*fs, return_exceptions=True)`: failures (and [CancelledError]s of cancelled
 * children) appear in the list as [Throwable] elements. Cancelling the awaiting Task still cancels the gather.
 */
suspend fun gatherReturnExceptions(fs: Collection<Future<*>>): List<Any?> = Asyncio.gatherReturnExceptions(fs).await()

/**
 * Python's `await asyncio.wait(fs, timeout=..., return_when=...)`: the done and pending sets, in the order given.
 * Never throws on timeout and never cancels the Futures.
 *
 * @throws IllegalArgumentException if [fs] is empty
 */
suspend fun <T> wait(
    fs: Collection<Future<out T>>,
    timeout: Double? = null,
    returnWhen: ReturnWhen = ReturnWhen.ALL_COMPLETED,
): WaitResult<T> = Asyncio.wait<T>(fs, timeout, returnWhen).await()

/** [wait] with a Kotlin [Duration] timeout ([Duration.INFINITE]: none). */
suspend fun <T> wait(
    fs: Collection<Future<out T>>,
    timeout: Duration,
    returnWhen: ReturnWhen = ReturnWhen.ALL_COMPLETED,
): WaitResult<T> = wait(fs, timeout.inSeconds(), returnWhen)

/**
 * Python's `await asyncio.wait_for(future, timeout)`: its result, or [TimeoutError] once [timeoutSeconds] passed, after
 * [future] was cancelled and its cancellation finished. `null` waits forever; a non-positive timeout on a done
 * Future returns its result. Cancelling the awaiting Task cancels [future].
 */
suspend fun <T> waitFor(future: Future<T>, timeoutSeconds: Double?): T = Asyncio.waitFor(future, timeoutSeconds).await()

/** [waitFor] with a Kotlin [Duration] timeout ([Duration.INFINITE]: none). */
suspend fun <T> waitFor(future: Future<T>, timeout: Duration): T = waitFor(future, timeout.inSeconds())

/**
 * Python's `await asyncio.wait_for(block(), timeout)`: runs [block] as a new Task of the running loop and waits for
 * it at most [timeoutSeconds] (see the Future overload). To bound a block *inline*, in the current Task, use
 * [withAsyncioTimeout].
 */
suspend fun <T> waitFor(timeoutSeconds: Double?, block: suspend CoroutineScope.() -> T): T =
    waitFor(createTask(block = block), timeoutSeconds)

/** [waitFor] of a `suspend` block with a Kotlin [Duration] timeout ([Duration.INFINITE]: none). */
suspend fun <T> waitFor(timeout: Duration, block: suspend CoroutineScope.() -> T): T =
    waitFor(timeout.inSeconds(), block)

/**
 * Python's `asyncio.as_completed(fs, timeout=...)`: one Future per distinct input. The first of them to be awaited
 * gives the first result to complete (or throws its failure), the second awaited the second, and so on; iterating in
 * order gives the results in completion order. After the timeout, the inputs still running count as timed out: their
 * turns throw [TimeoutError]. The inputs are never cancelled.
 *
 * ```
 * for (next in asCompleted(listOf(a, b, c))) println(next.await())
 * ```
 */
fun <T> asCompleted(fs: Collection<Future<out T>>, timeoutSeconds: Double? = null): Iterable<Future<T>> =
    Asyncio.asCompleted<T>(fs, timeoutSeconds)

/** [asCompleted] with a Kotlin [Duration] timeout ([Duration.INFINITE]: none). */
fun <T> asCompleted(fs: Collection<Future<out T>>, timeout: Duration): Iterable<Future<T>> =
    asCompleted(fs, timeout.inSeconds())

/**
 * Python's `await asyncio.shield(future)`: waits for [future], but cancelling the awaiting Task does not cancel
 * [future]; it keeps running and whoever else holds it still gets its outcome.
 */
suspend fun <T> shield(future: Future<T>): T = Asyncio.shield(future).await()

/** [shield] of a `suspend` block, run as a new Task of the running loop that the caller's cancellation leaves alone. */
suspend fun <T> shield(block: suspend CoroutineScope.() -> T): T = shield(createTask(block = block))
