package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Future
import dev.asyncio4j.internal.FutureBase

/**
 * The outcome of a done Future as a coroutine sees it: the original exception, never the
 * [java.util.concurrent.CompletionException] that `result()` wraps a checked one in. Marks a failure retrieved.
 */
internal fun <T> outcomeOf(f: Future<T>): Result<T> {
    if (f is FutureBase<T>) {
        val error = f.outcomeError() ?: return Result.success(f.result())
        return Result.failure(error)
    }
    if (f.isCancelled) return Result.failure(FutureBase.cancelledErrorOf(f))
    return try {
        val error = f.exception()
        if (error != null) Result.failure(error) else Result.success(f.result())
    } catch (e: Throwable) {
        Result.failure(e)
    }
}
