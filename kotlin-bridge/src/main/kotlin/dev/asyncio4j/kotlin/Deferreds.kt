@file:JvmName("Deferreds")

package dev.asyncio4j.kotlin

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Future
import dev.asyncio4j.internal.FutureChains
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.future.asDeferred

/**
 * This Future as a kotlinx [Deferred]. Cancelling the Deferred cancels the Future (through its loop, so from any
 * thread); a cancelled Future makes the Deferred cancelled.
 */
fun <T> Future<T>.asDeferred(): Deferred<T> = toCompletableFuture().asDeferred()

/**
 * A Future of [loop] that completes like this Deferred, on a later iteration of the loop; cancelling the Future
 * cancels the Deferred. Call on the loop's thread (or while the loop does not run). The same chain as Java's
 * `Asyncio.wrapFuture` ([FutureChains]).
 */
@OptIn(ExperimentalCoroutinesApi::class)
fun <T> Deferred<T>.asFuture(loop: EventLoop): Future<T> {
    val deferred = this
    val future = FutureChains.loopFuture<T>(loop) { deferred.cancel() }
    invokeOnCompletion { cause ->
        FutureChains.completeFromAnyThread(loop, future, if (cause == null) deferred.getCompleted() else null, cause)
    }
    return future
}
