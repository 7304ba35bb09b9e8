@file:JvmName("KotlinTaskGroups")

package dev.asyncio4j.kotlin

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.ExceptionGroup
import dev.asyncio4j.Task
import dev.asyncio4j.TaskGroup
import dev.asyncio4j.internal.TaskGroupCore
import dev.asyncio4j.kotlin.internal.SuspendTaskGroup
import dev.asyncio4j.kotlin.internal.requireOwnTask
import kotlinx.coroutines.CoroutineScope

/**
 * Python's `async with asyncio.TaskGroup() as tg: ...` for Kotlin: runs [body] inline in the current Task, then
 * waits until every child Task created through the group is done, and returns the body's result.
 *
 * ```
 * taskGroup { tg ->
 *     tg.launchTask { fetch("a") }
 *     tg.launchTask { fetch("b") }
 * }
 * ```
 *
 * CPython 3.12 semantics (with 3.13's un-cancel fixes): the first child failure cancels the other children and the body (at its current
 * `Future.await()`/[sleep]); the group then throws an [ExceptionGroup] of every failure (cancellations excluded, the
 * body's own failure included). A cancellation of the current Task from outside cancels the children too and is
 * re-thrown as [CancelledError] once they are done, unless a child failed. A [VirtualMachineError] is re-thrown as
 * it is. Creating a Task in a finished or shutting-down group throws [IllegalStateException]. The rule is the one
 * Java's `Asyncio.taskGroup` follows ([TaskGroupCore]); here the body and the wait for the children suspend.
 *
 * @throws IllegalStateException unless called from a Task's own coroutine
 */
suspend fun <T> taskGroup(body: suspend (KotlinTaskGroup) -> T): T {
    val parent = requireOwnTask("taskGroup")
    val core = TaskGroupCore(parent.loop, parent)
    val group = SuspendTaskGroup(parent.loop, core)
    val result = try {
        body(group)
    } catch (t: Throwable) {
        exit(core, t)
        throw t
    }
    exit(core, null)
    return result
}

/** CPython's `__aexit__` with the Kotlin way of waiting for the children. */
private suspend fun exit(core: TaskGroupCore, error: Throwable?) {
    core.beginExit(error)
    while (true) {
        val childrenDone = core.childrenDone() ?: break
        try {
            childrenDone.await()
        } catch (e: CancelledError) {
            core.cancelledWhileWaiting(e)
        }
    }
    core.endExit()?.let { throw it }
}

/**
 * The group [taskGroup] gives its body: creates child Tasks, from `suspend` blocks ([launchTask]) or Java
 * [Coroutine]s ([createTask]). Use it on its loop only (the body and the children). Not thread-safe.
 */
interface KotlinTaskGroup : TaskGroup {
    /**
     * Creates a child Task from a `suspend` block, as [EventLoop.launchTask].
     *
     * @throws IllegalStateException if the group is finished or shutting down
     */
    fun <T> launchTask(name: String? = null, block: suspend CoroutineScope.() -> T): Task<T>

    /**
     * Creates a child Task from a Java [Coroutine].
     *
     * @throws IllegalStateException if the group is finished or shutting down
     */
    override fun <T> createTask(coro: Coroutine<T>): Task<T>

    /**
     * Creates a named child Task from a Java [Coroutine].
     *
     * @throws IllegalStateException if the group is finished or shutting down
     */
    override fun <T> createTask(coro: Coroutine<T>, name: String?): Task<T>
}
