@file:JvmName("KotlinCompletionStages")

package dev.asyncio4j.kotlin

import dev.asyncio4j.EventLoop
import dev.asyncio4j.Future
import dev.asyncio4j.jdk.LoopScheduledExecutorService
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.future.await
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

/*
 * Conversions between asyncio4j Futures and the JDK's CompletableFuture / CompletionStage for Kotlin code on any
 * dispatcher, written on kotlinx.coroutines' `kotlinx.coroutines.future` API. They need only the public EventLoop and
 * Future interfaces and `callSoonThreadsafe`, so they work from any thread. (On the loop itself, `Future.await()` and
 * the loop's own `dispatcher` are the direct way.) Kotlin-only, so they live in the Kotlin surface, not in the JDK
 * layer (dev.asyncio4j.jdk) that Java users are sent to.
 */

/**
 * Suspends the calling coroutine, on whatever dispatcher or thread it runs, until this Future is done, and returns
 * its result or throws its exception (the original one, never wrapped). Thread-safe: it waits on
 * [Future.toCompletableFuture]. Cancelling the calling coroutine cancels this Future on its loop (for a Task, a
 * cancellation request the body sees at its current await).
 */
suspend fun <T> Future<T>.awaitThreadsafe(): T = toCompletableFuture().await()

/**
 * The loop as a kotlinx dispatcher usable from any thread: coroutines dispatched here run on the loop (through
 * `callSoonThreadsafe`) and their `delay()` uses the loop's timers (through [LoopScheduledExecutorService]).
 * Closing the returned dispatcher shuts that service down; it never stops or closes the loop.
 */
fun EventLoop.asCoroutineDispatcher(): ExecutorCoroutineDispatcher =
    LoopScheduledExecutorService.of(this).asCoroutineDispatcher()

/**
 * Starts [block] as a Kotlin coroutine on this loop, from any thread, and returns a [CompletableFuture] of its
 * result (kotlinx's `CoroutineScope.future`): cancelling that future cancels the coroutine, and the coroutine's
 * failure completes it exceptionally. The coroutine is a plain kotlinx coroutine on the loop, not an asyncio Task.
 */
fun <T> EventLoop.future(block: suspend CoroutineScope.() -> T): CompletableFuture<T> =
    CoroutineScope(asCoroutineDispatcher()).future(block = block)
