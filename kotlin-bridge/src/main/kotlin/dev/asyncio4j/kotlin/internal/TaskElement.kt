package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Context
import dev.asyncio4j.internal.Contexts
import kotlinx.coroutines.CopyableThreadContextElement
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Marks a coroutine context as belonging to a [TaskImpl]. When kotlinx resumes the Task's coroutine on the loop
 * (after `delay`, `yield`, a Channel...), it makes the Task current, as CPython's `_enter_task`, and enters the
 * Task's [Context].
 *
 * A child coroutine (`launch`, `async` inside the Task) gets a [ChildTaskElement] with a copy of the context current
 * when it was launched, as CPython's `create_task` copies it: what a child sets stays in the child. Off the loop
 * (`withContext(Dispatchers.IO)`), the element enters its context for the calling thread, so context variables
 * follow the Task's code to other dispatchers.
 */
@OptIn(ExperimentalCoroutinesApi::class, DelicateCoroutinesApi::class)
internal open class TaskElement(@JvmField val task: TaskImpl<*>) :
    AbstractCoroutineContextElement(Key), CopyableThreadContextElement<Any?> {

    companion object Key : CoroutineContext.Key<TaskElement>

    /**
     * Whether a coroutine with this element is the Task itself even under another Job (a `Suspend.await` call runs
     * as part of its Java Task's step).
     */
    open val standsForTask: Boolean
        get() = false

    /** The context this element's coroutines run in. */
    open val runContext: Context
        get() = task.runContext

    override fun updateThreadContext(context: CoroutineContext): Any? {
        val loop = task.loopImpl
        if (!loop.isOwnerThread()) return OffLoop(Contexts.swapCurrent(runContext))
        val previousContext = loop.runContext
        loop.runContext = runContext
        // Child coroutines inherit this element; only the Task's own coroutine (its own Job) is the Task.
        if (context[Job] !== task.job && !standsForTask) return previousContext ?: NO_CONTEXT
        val previous = loop.currentTask
        loop.currentTask = task
        task.suspendedElsewhere = false
        if (loop.isDebug) loop.kotlinStepStartNanos = System.nanoTime()
        // The usual case, resumed from the loop's queue, needs no state object.
        return if (previous == null && previousContext === loop.baseContext) FROM_BASE else OwnStep(previous, previousContext)
    }

    override fun restoreThreadContext(context: CoroutineContext, oldState: Any?) {
        when (oldState) {
            is OffLoop -> Contexts.swapCurrent(oldState.previous)
            is Context -> task.loopImpl.runContext = oldState
            NO_CONTEXT -> task.loopImpl.runContext = null
            FROM_BASE -> restoreOwn(null, task.loopImpl.baseContext)
            is OwnStep -> restoreOwn(oldState.task, oldState.context)
        }
    }

    private fun restoreOwn(previous: TaskImpl<*>?, previousContext: Context?) {
        val loop = task.loopImpl
        loop.runContext = previousContext
        loop.currentTask = previous
        task.afterResume()
        if (loop.isDebug) loop.recordStep(task, System.nanoTime() - loop.kotlinStepStartNanos)
    }

    /** A coroutine launched under this one runs in a copy of the context current at its launch. */
    override fun copyForChild(): CopyableThreadContextElement<Any?> = ChildTaskElement(task, Contexts.current().copy())

    /** A TaskElement given explicitly to a child's builder wins (the SDK never does that). */
    override fun mergeForChild(overwritingElement: CoroutineContext.Element): CoroutineContext = overwritingElement

    override fun toString(): String = "TaskElement(${task.name})"

    private class OffLoop(@JvmField val previous: Context)

    private class OwnStep(@JvmField val task: TaskImpl<*>?, @JvmField val context: Context?)

    private object FROM_BASE

    private object NO_CONTEXT
}

/** The element of a coroutine launched inside a Task: the same Task, a context of its own. */
internal class ChildTaskElement(task: TaskImpl<*>, override val runContext: Context) : TaskElement(task) {
    override fun toString(): String = "TaskElement(${task.name}, child)"
}
