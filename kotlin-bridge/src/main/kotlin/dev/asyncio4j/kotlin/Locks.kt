@file:JvmName("KotlinLocks")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Barrier
import dev.asyncio4j.Condition
import dev.asyncio4j.Event
import dev.asyncio4j.Lock
import dev.asyncio4j.Semaphore

// The members `withLock(Coroutine)` / `withPermit(Coroutine)` are for Java bodies and would win over same-named
// extensions (a Kotlin lambda SAM-converts to Coroutine), so the suspending forms carry an `Await` suffix.

/**
 * Python's `async with lock:` for Kotlin: suspends until the lock is acquired, runs [block], and releases the lock
 * however the block ends. Cancelling the calling Task while it waits withdraws the request (a lock already handed
 * over is passed on). Call it from a coroutine on the lock's loop (a Kotlin Task or the loop's dispatcher).
 */
suspend inline fun <T> Lock.withLockAwait(block: () -> T): T {
    acquire().await()
    try {
        return block()
    } finally {
        release()
    }
}

/** Python's `async with cond:` for Kotlin: [withLockAwait] on the condition's lock. */
suspend inline fun <T> Condition.withLockAwait(block: () -> T): T {
    acquire().await()
    try {
        return block()
    } finally {
        release()
    }
}

/**
 * Python's `async with sem:` for Kotlin: suspends until a permit is free, runs [block], and returns the permit
 * however the block ends. Cancellation never loses or leaks a permit.
 */
suspend inline fun <T> Semaphore.withPermitAwait(block: () -> T): T {
    acquire().await()
    try {
        return block()
    } finally {
        release()
    }
}

/** Python's `await event.wait()`: suspends until the event is set. */
suspend fun Event.await() {
    waitAsync().await()
}

/**
 * Python's `await cond.wait()`: releases the lock, suspends until signalled, and holds the lock again when it
 * returns — also when the calling Task is cancelled (the lock is re-acquired before the cancellation propagates).
 */
suspend fun Condition.await() {
    waitAsync().await()
}

/** Python's `await cond.wait_for(predicate)`: waits (holding the lock in between) until [predicate] is true. */
suspend fun Condition.awaitUntil(predicate: () -> Boolean) {
    waitFor { predicate() }.await()
}

/**
 * Python's `await barrier.wait()`: suspends until [Barrier.parties] coroutines wait, and returns this caller's
 * arrival index; throws [dev.asyncio4j.BrokenBarrierError] if the barrier is aborted or reset meanwhile.
 */
suspend fun Barrier.await(): Int = waitAsync().await()
