@file:JvmName("KotlinTaskGroups")

package dev.asyncio4j.kotlin

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.ExceptionGroup
import dev.asyncio4j.Future
import dev.asyncio4j.Task
import dev.asyncio4j.TaskGroup
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
 * it is. Creating a Task in a finished or shutting-down group throws [IllegalStateException].
 *
 * @throws IllegalStateException unless called from a Task's own coroutine
 */
suspend fun <T> taskGroup(body: suspend (KotlinTaskGroup) -> T): T {
    val parent = requireOwnTask("taskGroup")
    val group = KotlinTaskGroup(parent.loop, parent)
    val result = try {
        body(group)
    } catch (t: Throwable) {
        group.exit(t)
        throw t
    }
    group.exit(null)
    return result
}

/**
 * The group [taskGroup] gives its body: creates child Tasks, from `suspend` blocks ([launchTask]) or Java
 * [Coroutine]s ([createTask]). Use it on its loop only (the body and the children). Not thread-safe.
 */
class KotlinTaskGroup internal constructor(private val loop: EventLoop, private val parentTask: Task<*>) : TaskGroup {
    private var exiting = false
    private var aborting = false
    private var parentCancelRequested = false
    private val tasks = LinkedHashSet<Task<*>>()
    private val errors = ArrayList<Throwable>()
    private var baseError: Throwable? = null
    private var onCompleted: Future<Boolean>? = null

    /**
     * Creates a child Task from a `suspend` block, as [EventLoop.launchTask].
     *
     * @throws IllegalStateException if the group is finished or shutting down
     */
    fun <T> launchTask(name: String? = null, block: suspend CoroutineScope.() -> T): Task<T> {
        checkOpen()
        return adopt(loop.launchTask(name, block))
    }

    /** Creates a child Task from a Java [Coroutine]. */
    override fun <T> createTask(coro: Coroutine<T>): Task<T> = createTask(coro, null)

    /** Creates a named child Task from a Java [Coroutine]. */
    override fun <T> createTask(coro: Coroutine<T>, name: String?): Task<T> {
        java.util.Objects.requireNonNull(coro, "coro")
        checkOpen()
        return adopt(if (name == null) loop.createTask(coro) else loop.createTask(coro, name))
    }

    private fun checkOpen() {
        if (exiting && tasks.isEmpty()) {
            throw IllegalStateException("TaskGroup $this is finished: create tasks inside its body")
        }
        if (aborting) {
            throw IllegalStateException(
                "TaskGroup $this is shutting down: a child failed or the group was cancelled, so it takes no new tasks"
            )
        }
    }

    private fun <T> adopt(task: Task<T>): Task<T> {
        if (task.isDone) {
            onTaskDone(task)
        } else {
            tasks.add(task)
            task.addDoneCallback(::onTaskDone)
        }
        return task
    }

    /** CPython's `__aexit__`: waits for the children, then throws what the group raises (or returns). */
    internal suspend fun exit(error: Throwable?) {
        exiting = true
        if (error is VirtualMachineError && baseError == null) baseError = error
        var propagateCancellation: CancelledError? = error as? CancelledError
        if (error != null && !aborting) abort()
        while (tasks.isNotEmpty()) {
            val waiter = onCompleted ?: loop.createFuture<Boolean>().also { onCompleted = it }
            try {
                waiter.await()
            } catch (e: CancelledError) {
                if (!aborting) {
                    propagateCancellation = e
                    abort()
                }
            }
            onCompleted = null
        }
        baseError?.let { throw it }
        if (parentCancelRequested && parentTask.uncancel() == 0) {
            // The group cancelled the parent itself and no other request is pending: nothing to propagate.
            propagateCancellation = null
        }
        if (propagateCancellation != null && errors.isEmpty()) throw propagateCancellation
        if (error != null && error !is CancelledError) errors.add(error)
        if (errors.isNotEmpty()) {
            if (parentTask.cancelling() > 0) {
                // The parent is being cancelled from outside: keep that request pending past the group's error.
                parentTask.uncancel()
                parentTask.cancel()
            }
            val all = errors.toList()
            errors.clear()
            throw ExceptionGroup("unhandled errors in a TaskGroup", all)
        }
    }

    private fun abort() {
        aborting = true
        for (t in tasks) if (!t.isDone) t.cancel()
    }

    private fun onTaskDone(task: Future<*>) {
        tasks.remove(task)
        onCompleted?.let { if (tasks.isEmpty() && !it.isDone) it.setResult(true) }
        if (task.isCancelled) return
        val error = task.exception() ?: return
        errors.add(error)
        if (error is VirtualMachineError && baseError == null) baseError = error
        if (parentTask.isDone) {
            loop.callExceptionHandler(
                ExceptionContext(
                    "Task $task has errored out but its parent task $parentTask is already completed", error, task, null
                )
            )
            return
        }
        if (!aborting && !parentCancelRequested) {
            abort()
            parentCancelRequested = true
            parentTask.cancel()
        }
    }

    override fun toString(): String =
        "<TaskGroup tasks=${tasks.size}${if (aborting) " cancelling" else ""}${if (exiting && tasks.isEmpty()) " finished" else ""}>"
}
