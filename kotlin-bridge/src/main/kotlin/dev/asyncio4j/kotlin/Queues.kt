@file:JvmName("KotlinQueues")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Queue
import dev.asyncio4j.QueueShutDown
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

// The suspending forms carry an `Await` suffix because the members `get()` / `put()` return Futures.

/**
 * Python's `await q.get()`: suspends while the queue is empty and returns the first item. Throws [QueueShutDown]
 * once the queue is shut down and empty. Cancelling the caller takes no item (a wake-up already given to it is
 * passed on). Call it from a coroutine on the queue's loop.
 */
suspend fun <T> Queue<T>.getAwait(): T = get().await()

/**
 * Python's `await q.put(item)`: suspends while the queue is full, then adds [item]. Throws [QueueShutDown] after
 * shutdown. Cancelling the caller adds nothing.
 */
suspend fun <T> Queue<T>.putAwait(item: T) {
    put(item).await()
}

/** Python's `await q.join()`: suspends until every item put was taken and marked with `taskDone()`. */
suspend fun Queue<*>.joinAwait() {
    join().await()
}

/**
 * The queue as a cold [Flow] for one consumer: each collection takes items with [getAwait], emits them, and calls
 * `taskDone()` once the downstream has processed each item. The flow completes normally when the queue is shut
 * down and drained ([QueueShutDown]); otherwise it runs until the collector is cancelled. Collect it on the
 * queue's loop.
 */
fun <T> Queue<T>.asFlow(): Flow<T> = flow {
    while (true) {
        val item = try {
            getAwait()
        } catch (e: QueueShutDown) {
            return@flow
        }
        try {
            emit(item)
        } finally {
            taskDone()
        }
    }
}

/**
 * Collects this flow into [queue] with [putAwait], suspending while the queue is full (back-pressure), and
 * returns when the flow completes. Throws [QueueShutDown] if the queue is shut down meanwhile. Collect on the
 * queue's loop.
 */
suspend fun <T> Flow<T>.collectInto(queue: Queue<T>) {
    collect { queue.putAwait(it) }
}
