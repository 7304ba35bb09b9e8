package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Coroutine
import dev.asyncio4j.Future
import dev.asyncio4j.InvalidStateError
import dev.asyncio4j.Task
import dev.asyncio4j.internal.AwaiterLink
import dev.asyncio4j.internal.Contexts
import dev.asyncio4j.internal.FutureBase
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import java.util.concurrent.atomic.AtomicLong
import java.util.function.Consumer
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.createCoroutineUnintercepted
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * Python's `asyncio.Task`: a Kotlin coroutine driven step by step by its loop, exactly as CPython's `Task.__step`
 * drives a Python coroutine. The coroutine is started and resumed *unintercepted* from the loop's callbacks, so
 * one awaited Future costs one loop iteration, as in CPython. A Java [Coroutine] is stepped directly (`stepJava`):
 * each step runs its [JavaBody] to the next `Asyncio.await`, whose Future the Task then waits on as a Kotlin Task
 * waits in [awaitInTask] — no driver coroutine, so a sleeping Java Task holds no coroutine frame objects.
 *
 * Cancellation follows CPython: a request cancels the Future the Task waits on, or is remembered ([mustCancel]) and
 * thrown into the coroutine at its next step. A Kotlin Task suspended in a kotlinx primitive (a Channel, a Mutex,
 * `delay`, ...) is cancelled through its [job], with kotlinx's sticky semantics.
 */
internal class TaskImpl<T> private constructor(loop: EventLoopImpl, name: String?) :
    FutureBase<T>(loop), Task<T>, Continuation<T>, CoroutineScope {

    /** The loop, as the runtime sees it. */
    val loopImpl: EventLoopImpl
        get() = internals as EventLoopImpl

    /** The given name, or null until [getName] first spells the default one out of [taskNumber]. */
    private var taskName: String? = name

    /** Numbered at creation, as CPython's counter; the "Task-N" string is only built when someone asks. */
    private val taskNumber: Long = if (name == null) TASK_IDS.incrementAndGet() else 0L

    /** Where the next step resumes the coroutine; null while it runs or waits on a kotlinx primitive. */
    private var resumePoint: Continuation<Any?>? = null
    private var futWaiter: Future<*>? = null
    private var mustCancel = false
    private var cancelRequests = 0
    private var cancelRequestMessage: String? = null

    /** True while the coroutine is suspended somewhere else than [awaitInTask] (kotlinx primitives, `yield()`). */
    @JvmField
    var suspendedElsewhere = false

    @JvmField
    val job: CompletableJob = Job()

    /** Links of the loop's [TaskRegistry] while this Task is not done. */
    @JvmField
    var registry: TaskRegistry? = null

    @JvmField
    var registryPrev: TaskImpl<*>? = null

    @JvmField
    var registryNext: TaskImpl<*>? = null

    @JvmField
    val step = Step()

    override val context: CoroutineContext = TaskContext(loop, step, job)

    override val coroutineContext: CoroutineContext get() = context

    private var javaBody: JavaBody<T>? = null

    /** The Java body, kept for [getCoro] (the Kotlin block of a Kotlin Task is no [Coroutine]). */
    private var coro: Coroutine<T>? = null

    /** Where the coroutine of a Kotlin Task waits (its continuation), for [getStack]; null while it runs. */
    val suspendedAt: Continuation<*>? get() = resumePoint.takeIf { it !== JavaAwait }

    /** The Java body (null for a Kotlin Task), for [getStack] and the turn's hand-off. */
    val body: JavaBody<*>? get() = javaBody

    /** Whether this Task runs a Java body. */
    val isJava: Boolean get() = javaBody != null

    /**
     * The [dev.asyncio4j.Context] the steps run in (CPython's `Task._context`): a copy of the creator's, or the one
     * given. A Java body that awaits inside `Context.run(...)` leaves that context here until it returns.
     */
    @JvmField
    var runContext: dev.asyncio4j.Context = EMPTY_UNTIL_SET

    /**
     * The loop-scheduled entry points of this Task (its first step, and the wake-up when an awaited Future is done),
     * which is also the Task's [TaskElement] in its coroutine context: one object for both.
     */
    inner class Step : TaskElement(this@TaskImpl), Runnable, Consumer<Future<*>>, AwaiterLink {
        override fun run() = stepWith(null, Unit, true)

        override fun accept(f: Future<*>) = wakeup(f)

        /** As a done-callback, the Task's wake-up: the Task awaits the Future (the call graph's edge). */
        override fun awaiter(): Future<*> = this@TaskImpl

        override fun toString(): String = "TaskStep(${this@TaskImpl})"
    }

    private fun schedule(start: Continuation<Unit>, context: dev.asyncio4j.Context?, eager: Boolean) {
        val loop = loopImpl
        loop.checkClosed()
        loop.checkThread("createTask")
        runContext = context ?: LoopContexts.copyForTask(loop)
        @Suppress("UNCHECKED_CAST")
        resumePoint = start as Continuation<Any?>
        loop.tasks.add(this)
        if (LoopEvents.recording) LoopEvents.taskCreated(this)
        if (eager && loop.isRunning) startEagerly() else loop.enqueue(step)
    }

    /**
     * 3.12's `Task.__eager_start`: the first step runs now, inside `createTask`, as the current Task and in its
     * context (a Java body gets the turn from the creating thread and hands it back, as in any step). A body that
     * returns before awaiting leaves the Task done; one that awaits goes on as any Task.
     */
    private fun startEagerly() = stepWith(null, Unit, false)

    // ------------------------------------------------------------------ stepping

    /**
     * One step, run here — or, for a Java Task's step asked for by a callback at the top of the loop's work
     * ([mayHandOff] and [EventLoopImpl.handOffAllowed]), handed to its body's thread once that callback returned
     * ([beginHandedStep]).
     */
    private fun stepWith(exc: Throwable?, value: Any?, mayHandOff: Boolean) {
        if (isDone) throw InvalidStateError("step(): already done: $this")
        if (mayHandOff && javaBody?.onContinuation == false) {
            val loop = loopImpl
            if (loop.handOffAllowed && loop.currentTask == null) {
                loop.deferStep(this, value, exc)
                return
            }
        }
        val error = openStep(exc)
        val cont = resumePoint ?: throw IllegalStateException("$this has no suspended coroutine to resume")
        resumePoint = null
        val loop = loopImpl
        val previous = loop.currentTask
        val previousContext = loop.runContext
        val entered = enterStep(loop)
        val timed = loop.isDebug
        val start = if (timed) System.nanoTime() else 0L
        val slowStep = if (LoopEvents.recording) LoopEvents.beginStep() else null
        try {
            val body = javaBody
            if (body != null) {
                stepJava(body, error, value)
            } else {
                cont.resumeWith(if (error == null) Result.success(value) else Result.failure(error))
            }
        } finally {
            leaveStep(loop, previousContext, entered, previous)
            if (timed) loop.recordStep(this, System.nanoTime() - start)
            if (slowStep != null) LoopEvents.endStep(slowStep, this)
        }
        afterResume()
    }

    /** The opening of every step (CPython's `__step`): a cancellation requested meanwhile is the error thrown in. */
    private fun openStep(exc: Throwable?): Throwable? {
        var error = exc
        if (mustCancel) {
            if (error !is CancelledError) error = CancelledError(cancelRequestMessage)
            mustCancel = false
        }
        futWaiter = null
        suspendedElsewhere = false
        return error
    }

    /** This Task becomes the loop's current one, in its context; returns the context's entered flag for [leaveStep]. */
    private fun enterStep(loop: EventLoopImpl): Boolean {
        loop.currentTask = this
        val ctx = runContext
        val entered = Contexts.enter(ctx)
        loop.runContext = ctx
        return entered
    }

    /** Undoes [enterStep]: back to [outerContext] and the [previous] current Task (null between callbacks). */
    private fun leaveStep(loop: EventLoopImpl, outerContext: dev.asyncio4j.Context?, entered: Boolean, previous: TaskImpl<*>?) {
        val ctx = runContext
        // A Java body that awaits inside Context.run(...) is still in that context at its next step.
        runContext = loop.runContext ?: ctx
        loop.runContext = outerContext
        Contexts.leave(ctx, entered)
        loop.currentTask = previous
    }

    /** After the coroutine ran: if it is suspended elsewhere than on a Future of ours, note it for [cancel]. */
    fun afterResume() {
        if (!isDone && resumePoint == null) suspendedElsewhere = true
    }

    private fun wakeup(f: Future<*>) {
        @Suppress("UNCHECKED_CAST")
        val outcome: Result<Any?> = outcomeOf(f as Future<Any?>)
        stepWith(outcome.exceptionOrNull(), outcome.getOrNull(), true)
    }

    /**
     * Suspends the Task's coroutine until [f] is done, as CPython's `yield future` inside `__step`. Call only from
     * this Task's coroutine, on the loop.
     */
    suspend fun <R> awaitInTask(f: Future<R>): R {
        if (f.isDone) return outcomeOf(f).getOrThrow()
        checkAwaitable(f)
        return suspendCoroutineUninterceptedOrReturn { ucont ->
            @Suppress("UNCHECKED_CAST")
            waitFor(f, ucont as Continuation<Any?>)
            COROUTINE_SUSPENDED
        }
    }

    private fun checkAwaitable(f: Future<*>) {
        if (f === this) throw IllegalStateException("Task cannot await on itself: $this")
        if (f.loop !== loopImpl) throw IllegalStateException("Task $this got Future $f attached to a different loop")
    }

    /** The step ends waiting on pending [f]: its wake-up is this Task's next step, resuming at [resume]. */
    private fun waitFor(f: Future<*>, resume: Continuation<Any?>) {
        resumePoint = resume
        futWaiter = f
        if (f is FutureBase<*>) {
            @Suppress("UNCHECKED_CAST")
            (f as FutureBase<Any?>).addInternalCallback(step)
        } else {
            f.addDoneCallback(step)
        }
        if (mustCancel && f.cancel(cancelRequestMessage)) mustCancel = false
    }

    /**
     * One step of a Java Task (what resuming the coroutine is for a Kotlin one): the body runs with the awaited
     * outcome until it awaits a pending Future — the step ends waiting on it, as [awaitInTask] — or ends, which
     * completes the Task. A Future that is done, or that this Task may not await, answers the body at once. A
     * cancellation thrown in before the first step finishes the Task without running the body, as CPython's first
     * `coro.throw()`; what starting the body throws (no thread to be had) fails the Task.
     */
    private fun stepJava(body: JavaBody<T>, exc: Throwable?, value: Any?) {
        if (exc != null && !body.started) {
            resumeWith(Result.failure(exc))
            return
        }
        var inValue = if (body.started) value else null
        var inError = exc
        while (true) {
            val awaited = try {
                body.step(loopImpl, inValue, inError)
            } catch (t: Throwable) {
                resumeWith(Result.failure(t))
                return
            }
            if (awaited == null) {
                resumeWith(body.takeOutcome())
                return
            }
            @Suppress("UNCHECKED_CAST")
            val outcome: Result<Any?> = if (awaited.isDone) {
                outcomeOf(awaited as Future<Any?>)
            } else {
                Result.failure(waitForJava(awaited) ?: return)
            }
            inValue = outcome.getOrNull()
            inError = outcome.exceptionOrNull()
        }
    }

    /**
     * On the thread holding the turn, at the top of the loop's work: begins this Java Task's step that a callback
     * asked for ([EventLoopImpl.deferStep]) exactly as [stepWith] begins one, and hands the turn to the body's thread;
     * that thread ends the step at the body's next await ([endHandedStepAt]) or end ([endHandedBody]). Returns false
     * when the Task finished here instead (cancelled before its first step, or no thread to be had): the turn stays.
     */
    fun beginHandedStep(): Boolean {
        val loop = loopImpl
        val error = openStep(loop.deferredError)
        val value = loop.deferredValue
        loop.deferredError = null
        loop.deferredValue = null
        resumePoint = null
        loop.handedTask = this
        loop.handedOuterContext = loop.runContext
        loop.handedEntered = enterStep(loop)
        if (LoopEvents.recording) loop.handedStepEvent = LoopEvents.beginStep()
        val body = javaBody!!
        if (error != null && !body.started) {
            resumeWith(Result.failure(error))
            endHandedStep()
            return false
        }
        try {
            body.handStep(loop, if (body.started) value else null, error)
        } catch (t: Throwable) {
            resumeWith(Result.failure(t))
            endHandedStep()
            return false
        }
        return true
    }

    /**
     * Body thread, at an await of pending [f] in a handed step: the step ends waiting on [f], as in [stepJava]. Returns
     * instead what the body gets thrown at once when this Task may not await [f] (the step goes on).
     */
    fun endHandedStepAt(f: Future<*>): Throwable? {
        val refused = waitForJava(f)
        if (refused == null) endHandedStep()
        return refused
    }

    /**
     * A Java step ends waiting on pending [f], as [awaitInTask] does; returns instead what the body gets thrown at once
     * when this Task may not await [f] (itself, or a Future of another loop).
     */
    private fun waitForJava(f: Future<*>): Throwable? {
        try {
            checkAwaitable(f)
            waitFor(f, JavaAwait)
        } catch (t: Throwable) {
            return t
        }
        return null
    }

    /** Body thread, at the end of the body in a handed step: the Task completes with [outcome], as in [stepJava]. */
    fun endHandedBody(outcome: Result<*>) {
        @Suppress("UNCHECKED_CAST")
        resumeWith(outcome as Result<T>)
        endHandedStep()
    }

    /** What [stepWith]'s `finally` does, for a handed step (whose beginning was at the top of the loop's work). */
    private fun endHandedStep() {
        val loop = loopImpl
        leaveStep(loop, loop.handedOuterContext, loop.handedEntered, null)
        loop.handedOuterContext = null
        loop.handedTask = null
        val stepEvent = loop.handedStepEvent
        if (stepEvent != null) {
            loop.handedStepEvent = null
            LoopEvents.endStep(stepEvent, this)
        }
        loop.endHandedTiming()
        afterResume()
    }

    /**
     * Whether a coroutine with [context] is this Task's own coroutine, running its step on the loop now (not a child
     * coroutine, not another thread), so that it may suspend through [awaitInTask] or [yieldOnce].
     */
    fun isSteppingNow(context: CoroutineContext): Boolean =
        context[Job] === job && loopImpl.isOwnerThread() && loopImpl.currentTask === this

    /**
     * CPython's bare `yield` in a coroutine (what `sleep(0)` does): the next step is scheduled at once and runs on
     * the next loop iteration; a cancellation requested meanwhile is thrown in there. Call only when
     * [isSteppingNow].
     */
    suspend fun yieldOnce() {
        suspendCoroutineUninterceptedOrReturn<Unit> { ucont ->
            @Suppress("UNCHECKED_CAST")
            resumePoint = ucont as Continuation<Any?>
            loopImpl.enqueue(step)
            COROUTINE_SUSPENDED
        }
    }

    /** Completion of the coroutine (the Task is its own completion continuation). */
    override fun resumeWith(result: Result<T>) {
        val e = result.exceptionOrNull()
        when {
            e == null -> if (mustCancel) {
                mustCancel = false
                cancelFuture(cancelRequestMessage)
            } else {
                @Suppress("UNCHECKED_CAST")
                completeWithResult(result.getOrNull() as T)
            }
            e is java.util.concurrent.CancellationException -> cancelWith(e)
            else -> completeWithException(e)
        }
    }

    override fun onDone() {
        loopImpl.tasks.remove(this)
        if (LoopEvents.recording) LoopEvents.taskFinished(this)
        if (isCancelled) job.cancel() else job.complete()
    }

    // ------------------------------------------------------------------ Task API

    override fun cancel(message: String?): Boolean {
        loopImpl.checkThread("cancel")
        if (isDone) return false
        cancelRequests++
        val waiter = futWaiter
        if (waiter != null && waiter.cancel(message)) return true
        if (suspendedElsewhere) {
            // Suspended in a kotlinx primitive: only its Job can interrupt it.
            job.cancel(CancelledError(message))
            return true
        }
        mustCancel = true
        cancelRequestMessage = message
        return true
    }

    override fun cancelling(): Int = cancelRequests

    override fun uncancel(): Int {
        if (cancelRequests > 0) {
            cancelRequests--
            if (cancelRequests == 0) mustCancel = false
        }
        return cancelRequests
    }

    override fun getName(): String = taskName ?: "Task-$taskNumber".also { taskName = it }

    override fun setName(name: String) {
        taskName = java.util.Objects.requireNonNull(name, "name")
        javaBody?.taskName = name
    }

    override fun setResult(value: T) =
        throw UnsupportedOperationException("Task does not support setResult(): a Task finishes when its body returns")

    override fun setException(error: Throwable) =
        throw UnsupportedOperationException("Task does not support setException(): a Task fails when its body throws")

    /**
     * The loop closed with this Task pending: a parked Java body is woken with a CancelledError and runs to its end,
     * or to its next await, before this returns (CPython closes the coroutine on GC). Returns whether the body
     * awaited again (its thread then stays parked).
     */
    fun abandonOnClose(): Boolean = javaBody?.abandonAndWait() ?: false

    override fun getStack(): List<StackTraceElement> = TaskStacks.stackOf(this)

    override fun getCoro(): Coroutine<T>? = coro

    override fun toString(): String = "<Task ${stateWord()} name='${getName()}'${outcomeText()}>"

    companion object {
        private val TASK_IDS = AtomicLong()

        /** Before [schedule] sets it; never entered. */
        private val EMPTY_UNTIL_SET = dev.asyncio4j.Context()

        /** The resume point of a Java Task between steps: its body waits in `Asyncio.await` (`stepJava`). */
        private object JavaAwait : Continuation<Any?> {
            override val context: CoroutineContext get() = kotlin.coroutines.EmptyCoroutineContext

            override fun resumeWith(result: Result<Any?>) =
                throw IllegalStateException("a Java Task is stepped by its loop, never resumed as a coroutine")

            override fun toString(): String = "Asyncio.await"
        }

        /**
         * A Java Task: in [context] itself, or a copy of the current context when null; its first step now when
         * [eager] and the loop runs, else on a later iteration.
         */
        fun <T> forJava(
            loop: EventLoopImpl, coro: Coroutine<T>, name: String?, context: dev.asyncio4j.Context?, eager: Boolean,
        ): TaskImpl<T> {
            val task = TaskImpl<T>(loop, name)
            val body = JavaBody(coro, name, task.taskNumber)
            task.javaBody = body
            task.coro = coro
            task.schedule(JavaAwait, context, eager)
            return task
        }

        /** A Kotlin Task; eager when the loop's task factory is the eager one. */
        fun <T> forKotlin(loop: EventLoopImpl, name: String?, block: suspend CoroutineScope.() -> T): TaskImpl<T> {
            java.util.Objects.requireNonNull(block, "block")
            val task = TaskImpl<T>(loop, name)
            task.schedule(block.createCoroutineUnintercepted(task, task), null, loop.taskFactory is EagerTaskFactory)
            return task
        }
    }
}
