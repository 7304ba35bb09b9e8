package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.internal.TaskGroupCore
import dev.asyncio4j.kotlin.KotlinTaskGroup
import dev.asyncio4j.kotlin.launchTask
import kotlinx.coroutines.CoroutineScope

/**
 * A [KotlinTaskGroup]: the Kotlin face (`launchTask` for `suspend` blocks) of the one task-group rule
 * ([TaskGroupCore], shared with Java's `Asyncio.taskGroup`). Confined to the loop.
 */
internal class SuspendTaskGroup(private val loop: EventLoop, private val core: TaskGroupCore) : KotlinTaskGroup {
    override fun <T> launchTask(name: String?, block: suspend CoroutineScope.() -> T): Task<T> {
        core.checkOpen()
        return core.adopt(loop.launchTask(name, block))
    }

    override fun <T> createTask(coro: Coroutine<T>): Task<T> = core.createTask(coro)

    override fun <T> createTask(coro: Coroutine<T>, name: String?): Task<T> = core.createTask(coro, name)

    override fun toString(): String = core.toString()
}
