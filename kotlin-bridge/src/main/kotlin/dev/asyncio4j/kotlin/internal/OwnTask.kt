package dev.asyncio4j.kotlin.internal

import kotlinx.coroutines.Job
import kotlin.coroutines.coroutineContext

/**
 * The Task whose own coroutine is calling (not a child coroutine it launched, not a foreign coroutine): the inline
 * helpers (`withAsyncioTimeout`, `taskGroup`) cancel and un-cancel it, as CPython's do with the current task.
 *
 * @throws IllegalStateException from any other coroutine
 */
internal suspend fun requireOwnTask(what: String): TaskImpl<*> {
    val context = coroutineContext
    val task = context[TaskElement]?.task
    if (task == null || context[Job] !== task.job) {
        throw IllegalStateException(
            "$what() must be called from an asyncio4j Task's own coroutine (launchTask { ... } or asyncioRun { ... }), " +
                "not from a child coroutine or a foreign coroutine"
        )
    }
    return task
}
