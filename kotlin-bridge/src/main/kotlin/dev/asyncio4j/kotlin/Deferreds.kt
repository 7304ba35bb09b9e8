@file:JvmName("Deferreds")

package dev.asyncio4j.kotlin

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Future
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.future.asDeferred
import java.util.concurrent.CancellationException

/**
 * This Future as a kotlinx [Deferred]. Cancelling the Deferred cancels the Future (through its loop, so from any
 * thread); a cancelled Future makes the Deferred cancelled.
 */
fun <T> Future<T>.asDeferred(): Deferred<T> = toCompletableFuture().asDeferred()

/**
 * A Future of [loop] that completes like this Deferred; cancelling the Future cancels the Deferred. Call on the
 * loop's thread (or while the loop does not run).
 */
@OptIn(ExperimentalCoroutinesApi::class)
fun <T> Deferred<T>.asFuture(loop: EventLoop): Future<T> {
    val future = loop.createFuture<T>()
    val deferred = this
    future.addDoneCallback { f -> if (f.isCancelled) deferred.cancel() }
    invokeOnCompletion { cause ->
        if (loop.isClosed) return@invokeOnCompletion
        val copy = Runnable {
            if (future.isDone) return@Runnable
            when (cause) {
                null -> future.setResult(deferred.getCompleted())
                is CancellationException -> future.cancel(cause.message)
                else -> future.setException(cause)
            }
        }
        impl(loop).enqueueFromAnyThread(copy)
    }
    return future
}
