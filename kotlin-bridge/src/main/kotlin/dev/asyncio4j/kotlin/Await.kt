@file:JvmName("Await")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Future
import dev.asyncio4j.internal.AwaiterLink
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import dev.asyncio4j.kotlin.internal.TaskElement
import dev.asyncio4j.kotlin.internal.outcomeOf
import kotlinx.coroutines.Job
import kotlinx.coroutines.future.await
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.function.Consumer
import kotlin.coroutines.coroutineContext

/**
 * Suspends until this Future is done and returns its result, or throws its exception as it was set (Kotlin has no
 * checked exceptions, so nothing is wrapped). Returns at once when the Future is already done.
 *
 * Inside an asyncio4j Task this is Python's `await`: one loop iteration per awaited Future, and cancelling the Task
 * cancels the awaited Future. In any other coroutine (on the loop's dispatcher, `runBlocking` on another thread,
 * ...) it is thread-safe, and cancelling the awaiting coroutine cancels the Future, as in asyncio.
 */
suspend fun <T> Future<T>.await(): T {
    if (isDone) return completedValue(this)
    val context = coroutineContext
    val task = context[TaskElement]?.task
    if (task != null && task.loopImpl === loop && task.isSteppingNow(context)) {
        return task.awaitInTask(this)
    }
    return awaitOutsideTask(this)
}

private fun <T> completedValue(f: Future<T>): T = outcomeOf(f).getOrThrow()

private suspend fun <T> awaitOutsideTask(f: Future<T>): T {
    val loop = f.loop as? EventLoopImpl
    if (loop == null || !loop.isOwnerThread()) return f.toCompletableFuture().await()
    return suspendCancellableCoroutine { cont ->
        // A coroutine inside a Task (a child of its Job) waits on the Task's behalf: the call graph shows the Task.
        val callback = AwaiterLink.link(cont.context[TaskElement]?.task, Consumer<Future<T>> { done ->
            cont.resumeWith(outcomeOf(done))
        })
        f.addDoneCallback(callback)
        cont.invokeOnCancellation {
            if (!loop.isClosed) {
                loop.enqueueFromAnyThread {
                    f.removeDoneCallback(callback)
                    if (!f.isDone) f.cancel()
                }
            }
        }
    }
}
