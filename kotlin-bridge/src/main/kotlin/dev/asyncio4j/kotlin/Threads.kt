@file:JvmName("KotlinThreads")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.internal.FutureChains
import kotlinx.coroutines.CoroutineScope
import java.util.concurrent.Callable
import java.util.concurrent.CompletableFuture

/**
 * Python's `await asyncio.to_thread(fn)`: runs a blocking function on the running loop's default executor (a cached,
 * unbounded pool of daemon platform threads) and suspends until it returns. Cancelling the awaiting
 * coroutine keeps the function from starting if it has not started yet; a running function is not interrupted.
 * Call from a coroutine running on a loop.
 */
suspend fun <T> toThread(fn: () -> T): T = Asyncio.toThread(Callable(fn)).await()

/**
 * Python's `asyncio.run_coroutine_threadsafe(coro(), loop)` for a `suspend` block, callable from any thread: on a
 * later iteration of this loop the block becomes a Kotlin [dev.asyncio4j.Task] (named [name], or `Task-N`), and the
 * returned future completes with its result, its exception, or a [dev.asyncio4j.CancelledError]. Cancelling the
 * returned future cancels the Task on its loop; cancelled before the loop got to it, the block never starts. The
 * rule is Java's `Asyncio.runCoroutineThreadsafe` ([FutureChains.runOnLoop]); only the Task is a Kotlin one.
 *
 * @throws IllegalStateException when the loop is closed
 */
fun <T> EventLoop.runCoroutineThreadsafe(
    name: String? = null,
    block: suspend CoroutineScope.() -> T
): CompletableFuture<T> = FutureChains.runOnLoop(this) { launchTask(name, block) }
