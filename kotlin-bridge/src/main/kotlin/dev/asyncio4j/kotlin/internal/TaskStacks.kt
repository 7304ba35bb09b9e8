package dev.asyncio4j.kotlin.internal

import kotlin.coroutines.Continuation
import kotlin.coroutines.jvm.internal.CoroutineStackFrame

/**
 * `Task.getStack()`: where a Task's code is suspended, without an agent. A Java body's frames come from its parked
 * coroutine thread (or its paused continuation, read on the loop's thread only); a Kotlin Task's from its continuation chain, the debug metadata the Kotlin compiler writes into
 * every suspend function ([CoroutineStackFrame], the same frames kotlinx's stack-trace recovery uses); a Task asking
 * for its own stack gets the frames where it runs now. The runtime's frames at both ends (the hand-off, the loop,
 * the JDK's park) are cut off, so what remains is the Task's own code — and the SDK helpers it awaits through (a
 * task group's exit, a lock's `withLock`), as CPython shows `TaskGroup.__aexit__`.
 */
internal object TaskStacks {
    fun stackOf(task: TaskImpl<*>): List<StackTraceElement> {
        if (task.isDone) return emptyList()
        val me = Thread.currentThread()
        val body = task.body
        if (body != null) {
            if (body.onContinuation) {
                val loop = task.loopImpl
                if (loop.isOwnerThread()) {
                    if (body.isMounted && loop.currentTask === task) return trim(aboveContinuation(me.stackTrace))
                    return pausedStack(body)
                }
                // Reading a paused continuation's frames walks its stack chunk, which the loop's thread changes when
                // it runs the body: elsewhere only while the loop neither runs nor can start (its lock held).
                synchronized(loop.bodyFramesLock) {
                    return if (loop.isRunning) emptyList() else pausedStack(body)
                }
            }
            val thread = body.bodyThread() ?: return emptyList()
            // A body asking for its own stack reads it where it runs; a parked body's thread shows where it awaits.
            if (thread === me && task.loopImpl.currentTask === task) return trim(me.stackTrace)
            return trim(belowAwait(if (thread === me) me.stackTrace else thread.stackTrace))
        }
        val loop = task.loopImpl
        if (loop.currentTask === task && loop.isOwnerThread()) return trimRunningCoroutine(me.stackTrace)
        return continuationFrames(task.suspendedAt)
    }

    /** The frames of a suspended coroutine, innermost first, from the continuation it will resume. */
    fun continuationFrames(continuation: Continuation<*>?): List<StackTraceElement> {
        val frames = ArrayList<StackTraceElement>()
        var frame = continuation as? CoroutineStackFrame
        while (frame != null) {
            frame.getStackTraceElement()?.let { if (!isRuntime(it.className)) frames.add(it) }
            frame = frame.callerFrame
        }
        return frames
    }

    /** A thread's frames without the runtime's on top (park, hand-off, capture) and below (thread start, loop). */
    fun trim(stack: Array<StackTraceElement>): List<StackTraceElement> {
        var top = 0
        while (top < stack.size && isMachinery(stack[top])) top++
        var bottom = stack.size
        while (bottom > top && isMachinery(stack[bottom - 1])) bottom--
        return stack.asList().subList(top, bottom).filterNot(::isHidden)
    }

    /**
     * A waiting body's frames from its await down: its thread may be running the loop's work above that await (the
     * step it handed on ended there), which is not the Task's code.
     */
    private fun belowAwait(stack: Array<StackTraceElement>): Array<StackTraceElement> {
        val at = stack.indexOfFirst { it.className == JAVA_BODY && it.methodName == "finishAwait" }
        return if (at <= 0) stack else stack.copyOfRange(at, stack.size)
    }

    /** A continuation body's frames where it waits (none when it runs now or has not started). */
    private fun pausedStack(body: JavaBody<*>): List<StackTraceElement> = body.pausedFrames()?.let(::trim) ?: emptyList()

    /**
     * A body running as a continuation: its frames end at its entry, `JavaBody.run` (below are the loop and whoever
     * runs it, on the same thread; the innermost entry is the asking body's, an eager Task's inside another's step).
     */
    private fun aboveContinuation(stack: Array<StackTraceElement>): Array<StackTraceElement> {
        val at = stack.indexOfFirst { it.className == JAVA_BODY && it.methodName == "run" }
        return if (at < 0) stack else stack.copyOfRange(0, at)
    }

    /** A lambda's generated class (a hidden class on JDK 17+): the frame of the lambda's own method follows it. */
    private fun isHidden(frame: StackTraceElement): Boolean = frame.className.contains("\$\$Lambda")

    /**
     * The frames of a Kotlin coroutine running now: its resumed frames end where the continuation machinery (or the
     * Task's step) called into them; below is the loop, not the Task.
     */
    private fun trimRunningCoroutine(stack: Array<StackTraceElement>): List<StackTraceElement> {
        var top = 0
        while (top < stack.size && isMachinery(stack[top])) top++
        var end = top
        while (end < stack.size && !isCoroutineBoundary(stack[end].className)) end++
        return stack.asList().subList(top, end).filterNot(::isHidden)
    }

    private fun isCoroutineBoundary(cls: String): Boolean =
        cls == "kotlin.coroutines.jvm.internal.BaseContinuationImpl" || cls.startsWith("dev.asyncio4j.kotlin.internal.")

    private fun isMachinery(frame: StackTraceElement): Boolean {
        val cls = frame.className
        return isRuntime(cls) || cls == ASYNCIO || cls == TASK ||
            cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") ||
            cls.startsWith("kotlin.") || cls.startsWith("kotlinx.")
    }

    private fun isRuntime(cls: String): Boolean =
        cls.startsWith("dev.asyncio4j.kotlin.internal.") || cls.startsWith("dev.asyncio4j.internal.") ||
            cls.startsWith("dev.asyncio4j.spi.") || cls.startsWith("dev.asyncio4j.jdk.")

    /** `Asyncio.await` and `Asyncio.captureCallGraph` sit between a body and the runtime. */
    private const val ASYNCIO = "dev.asyncio4j.Asyncio"

    private val JAVA_BODY: String = JavaBody::class.java.name

    /** `Task.printStack`'s default method. */
    private const val TASK = "dev.asyncio4j.Task"
}
