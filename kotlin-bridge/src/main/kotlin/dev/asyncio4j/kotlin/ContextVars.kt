@file:JvmName("ContextVars")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Context
import dev.asyncio4j.ContextVar
import dev.asyncio4j.internal.Contexts
import kotlinx.coroutines.CopyableThreadContextElement
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.ThreadContextElement
import kotlin.coroutines.CoroutineContext

/**
 * A coroutine context element that gives this variable [value] while the coroutine runs, on whatever thread and
 * dispatcher (kotlinx's `ThreadLocal.asContextElement` for a [ContextVar]):
 *
 * ```
 * withContext(Dispatchers.IO + REQUEST_ID.asContextElement()) { log(REQUEST_ID.get()) }
 * ```
 *
 * Code on an asyncio4j loop needs no element: a Task's coroutines, its children and its `withContext` blocks see the
 * Task's context on any dispatcher. The element is for coroutines started elsewhere (`runBlocking`, a scope of your
 * own). As with kotlinx's ThreadLocal elements, each time the coroutine resumes the variable is set to [value] in the
 * context current on that thread, and put back as it was when the coroutine suspends: a `set` of this variable
 * inside the coroutine lasts until its next suspension (use `withContext(variable.asContextElement(newValue))`
 * instead); other variables are not touched.
 *
 * @param value the value the coroutine sees; by default the variable's current value
 * @throws NoSuchElementException when [value] is left out and the variable has no value and no default
 */
fun <T> ContextVar<T>.asContextElement(value: T = get()): ThreadContextElement<*> = ContextVarElement(this, value)

/**
 * A coroutine context element that runs the coroutine in a copy of this context, on whatever thread and dispatcher:
 * every [ContextVar] reads what it holds here, and what the coroutine sets stays in its copy (coroutines it launches
 * get a copy of their own, as Tasks do). Carry the caller's variables into a coroutine started elsewhere with
 * `Context.copyContext().asContextElement()`.
 */
fun Context.asContextElement(): ThreadContextElement<*> = ContextElement(copy())

private class ContextVarElement<T>(private val variable: ContextVar<T>, private val value: T) :
    ThreadContextElement<ContextVar.Token<T>> {
    override val key: CoroutineContext.Key<*> = VarKey(variable)

    override fun updateThreadContext(context: CoroutineContext): ContextVar.Token<T> = variable.set(value)

    override fun restoreThreadContext(context: CoroutineContext, oldState: ContextVar.Token<T>) = variable.reset(oldState)

    override fun toString(): String = "ContextVarElement(${variable.name()}=$value)"
}

/** One key per variable, so that elements of different variables add up and one of the same variable replaces. */
private data class VarKey(val variable: ContextVar<*>) : CoroutineContext.Key<ContextVarElement<*>>

@OptIn(ExperimentalCoroutinesApi::class, DelicateCoroutinesApi::class)
private class ContextElement(private val context: Context) : CopyableThreadContextElement<Context> {
    companion object Key : CoroutineContext.Key<ContextElement>

    override val key: CoroutineContext.Key<*> get() = Key

    override fun updateThreadContext(context: CoroutineContext): Context = Contexts.swapCurrent(this.context)

    override fun restoreThreadContext(context: CoroutineContext, oldState: Context) {
        Contexts.swapCurrent(oldState)
    }

    override fun copyForChild(): CopyableThreadContextElement<Context> = ContextElement(context.copy())

    override fun mergeForChild(overwritingElement: CoroutineContext.Element): CoroutineContext =
        (overwritingElement as ContextElement).copyForChild()

    override fun toString(): String = "ContextElement($context)"
}
