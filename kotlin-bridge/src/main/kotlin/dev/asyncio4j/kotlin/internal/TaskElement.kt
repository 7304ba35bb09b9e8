package dev.asyncio4j.kotlin.internal

import kotlinx.coroutines.Job
import kotlinx.coroutines.ThreadContextElement
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Marks a coroutine context as belonging to a [TaskImpl]. When kotlinx resumes the Task's coroutine on the loop
 * (after `delay`, `yield`, a Channel...), it makes the Task current, as CPython's `_enter_task`.
 */
internal open class TaskElement(@JvmField val task: TaskImpl<*>) :
    AbstractCoroutineContextElement(Key), ThreadContextElement<Any?> {

    companion object Key : CoroutineContext.Key<TaskElement>

    override fun updateThreadContext(context: CoroutineContext): Any? {
        val loop = task.loopImpl
        // Child coroutines inherit this element; only the Task's own coroutine (its own Job) is the Task.
        if (context[Job] !== task.job || !loop.isOwnerThread()) return NOT_ON_LOOP
        val previous = loop.currentTask
        loop.currentTask = task
        task.suspendedElsewhere = false
        if (loop.isDebug) loop.kotlinStepStartNanos = System.nanoTime()
        return previous
    }

    override fun restoreThreadContext(context: CoroutineContext, oldState: Any?) {
        if (oldState === NOT_ON_LOOP) return
        val loop = task.loopImpl
        loop.currentTask = oldState as TaskImpl<*>?
        task.afterResume()
        if (loop.isDebug) loop.recordStep(task, System.nanoTime() - loop.kotlinStepStartNanos)
    }

    override fun toString(): String = "TaskElement(${task.name})"

    private object NOT_ON_LOOP
}
