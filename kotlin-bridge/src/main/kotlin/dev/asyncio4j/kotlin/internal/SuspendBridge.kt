package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Coroutine
import dev.asyncio4j.Future
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.Suspend.SuspendCall
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.concurrent.atomic.AtomicReference
import java.util.function.Consumer
import kotlin.coroutines.Continuation
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.intercepted
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * The machinery of [dev.asyncio4j.kotlin.Suspend]: a Java [SuspendCall] made a proper suspension point, and Java
 * answers to a Kotlin caller's continuation.
 *
 * No Continuation here is hand-driven: a call is made inside a real suspend function ([invoke], through
 * `suspendCoroutineUninterceptedOrReturn`), which takes a value returned at once as it is and otherwise waits for
 * the resume; the callee gets the *intercepted* continuation, so a resume from any thread comes back through the
 * loop's dispatcher. Answers to a Kotlin caller ([completeWithTask], [completeWithStage]) go through a [Resumer],
 * which returns an outcome known before the callee returns as a plain value (resuming a continuation before its
 * function returned would re-enter the caller's state machine), and otherwise resumes the caller's intercepted
 * continuation, on its own dispatcher.
 */
internal object SuspendBridge {
    /** Calls the Java-written call as a suspension point of the calling coroutine. */
    suspend fun <T> invoke(call: SuspendCall<T>): T =
        suspendCoroutineUninterceptedOrReturn { ucont -> call.call(ucont.intercepted()) }

    /** `Suspend.await`: the call started now in the current Java Task, as a Future that body awaits. */
    fun <T> startInCurrentTask(call: SuspendCall<T>): Future<T> {
        val loop = RunningLoop.get()
        val task = loop?.currentTask
        if (loop == null || task == null || !task.isJava || !loop.isOwnerThread()) {
            throw IllegalStateException(
                "Suspend.await() must be called inside a Java coroutine body (a Task made with createTask(...)): " +
                    "elsewhere start the call with Suspend.task(...) on the loop, or Suspend.future(loop, ...) " +
                    "from any thread"
            )
        }
        val op = SuspendCallFuture<T>(loop, task)
        op.start(call)
        return op
    }

    /** `Suspend.complete(continuation, body)`: the body as a Java Task on the caller's loop. */
    fun <T> completeWithTask(continuation: Continuation<T>, body: Coroutine<T>): Any? {
        val loop = continuation.context[ContinuationInterceptor] as? EventLoopImpl ?: RunningLoop.get()
            ?: throw IllegalStateException(
                "Suspend.complete(continuation, body) runs the body as a Task on the caller's event loop, but the " +
                    "caller runs on ${continuation.context[ContinuationInterceptor] ?: "no dispatcher"}, not on an " +
                    "asyncio4j loop: call the suspend function from a Task (launchTask { }, asyncioRun { }) or " +
                    "inside withContext(loop.dispatcher) { }, or answer with Suspend.complete(continuation, stage)"
            )
        val resumer = Resumer(continuation)
        if (loop.isOwnerThread()) {
            start(loop, body, resumer)
        } else {
            // The caller's dispatcher is the loop, but this code runs elsewhere (an undispatched resume): hand over.
            loop.callSoonThreadsafe { start(loop, body, resumer) }
        }
        return resumer.suspendOrReturn()
    }

    private fun <T> start(loop: EventLoopImpl, body: Coroutine<T>, resumer: Resumer<T>) {
        val task: Task<T> = try {
            loop.createTask(body)
        } catch (e: Throwable) {
            if (e is VirtualMachineError) throw e
            resumer.resume(Result.failure(e))
            return
        }
        if (task.isDone) {
            // An eager Task that finished in createTask: the caller gets the answer without suspending.
            resumer.resume(outcomeOf(task))
            return
        }
        resumer.onCallerCancelled { message -> loop.onLoop { if (!task.isDone) task.cancel(message) } }
        task.addDoneCallback { done ->
            resumer.dispose()
            resumer.resume(outcomeOf(done))
        }
    }

    /** `Suspend.complete(continuation, stage)`. */
    fun <T> completeWithStage(continuation: Continuation<T>, stage: CompletionStage<T>): Any? {
        val resumer = Resumer(continuation)
        val source = stage as? java.util.concurrent.Future<*>
        if (source != null) resumer.onCallerCancelled { source.cancel(false) }
        stage.whenComplete { value, error ->
            resumer.dispose()
            resumer.resume(if (error == null) Result.success(value) else Result.failure(unwrap(error)))
        }
        return resumer.suspendOrReturn()
    }

    private fun unwrap(e: Throwable): Throwable =
        if ((e is CompletionException || e is ExecutionException) && e.cause != null) e.cause!! else e

    /** Runs [action] on this loop: now when the caller holds its turn, else through the inbox. */
    private fun EventLoopImpl.onLoop(action: () -> Unit) {
        if (isOwnerThread()) {
            action()
        } else if (!isClosed) {
            try {
                callSoonThreadsafe(action)
            } catch (closed: IllegalStateException) {
                // closed meanwhile: the Task is gone with its loop
            }
        }
    }

    /**
     * The one answer to a Kotlin caller's continuation: [suspendOrReturn] decides, once, between returning an outcome
     * already known and `COROUTINE_SUSPENDED`; [resume] delivers the outcome either way (kotlin's SafeContinuation,
     * for callers outside any suspend function).
     */
    private class Resumer<T>(private val continuation: Continuation<T>) {
        private val state = AtomicReference<Any?>(UNDECIDED)
        private var cancelHandle: DisposableHandle? = null

        fun resume(result: Result<T>) {
            if (state.compareAndSet(UNDECIDED, Known(result))) return
            continuation.intercepted().resumeWith(result)
        }

        fun suspendOrReturn(): Any? {
            if (state.compareAndSet(UNDECIDED, SUSPENDED)) return COROUTINE_SUSPENDED
            cancelHandle?.dispose()
            @Suppress("UNCHECKED_CAST")
            return (state.get() as Known<T>).result.getOrThrow()
        }

        /**
         * Calls [onCancel] with the cancellation's message when the caller's Job is cancelled while it waits (the
         * caller still waits for [resume], as an asyncio Task awaiting another waits for it to finish). Call before
         * [suspendOrReturn]; [dispose] when the outcome is known.
         */
        @OptIn(InternalCoroutinesApi::class)
        fun onCallerCancelled(onCancel: (String?) -> Unit) {
            val job = continuation.context[Job] ?: return
            cancelHandle = job.invokeOnCompletion(onCancelling = true, invokeImmediately = true) { cause ->
                onCancel(cause?.message)
            }
        }

        fun dispose() = cancelHandle?.dispose()
    }

    private object UNDECIDED

    /** An outcome known before the callee returned. */
    private class Known<T>(@JvmField val result: Result<T>)

    private object SUSPENDED
}

/**
 * `Suspend.await`'s Future: the Kotlin call running in the current Java Task (its Job a child of the Task's, its
 * resumptions on the loop as that Task, in its context). Cancelling it is a request, as for a Task: the call's Job is
 * cancelled and the Future finishes with the call's outcome once the call has finished.
 */
internal class SuspendCallFuture<T>(loop: EventLoopImpl, private val task: TaskImpl<*>) :
    dev.asyncio4j.internal.FutureBase<T>(loop), Continuation<T> {
    private val job = Job(task.job)

    override val context: kotlin.coroutines.CoroutineContext = loop + job + InTaskElement(task)

    fun start(call: SuspendCall<T>) {
        val block: suspend () -> T = { SuspendBridge.invoke(call) }
        val outcome = try {
            block.startCoroutineUninterceptedOrReturn(this)
        } catch (e: Throwable) {
            if (e is VirtualMachineError) throw e
            resumeWith(Result.failure(e))
            return
        }
        @Suppress("UNCHECKED_CAST")
        if (outcome !== COROUTINE_SUSPENDED) resumeWith(Result.success(outcome as T))
    }

    override fun resumeWith(result: Result<T>) {
        job.complete()
        val e = result.exceptionOrNull()
        when {
            isDone -> return
            e == null -> {
                @Suppress("UNCHECKED_CAST")
                completeWithResult(result.getOrNull() as T)
            }
            e is java.util.concurrent.CancellationException -> cancelWith(e)
            else -> completeWithException(e)
        }
    }

    override fun cancel(message: String?): Boolean {
        internals.checkThread("cancel")
        if (isDone) return false
        job.cancel(CancelledError(message))
        return true
    }
}

/** The element of a call running inside a Java Task ([SuspendCallFuture]): resumed on the loop, it is that Task. */
internal class InTaskElement(task: TaskImpl<*>) : TaskElement(task) {
    override val standsForTask: Boolean
        get() = true

    override fun toString(): String = "TaskElement(${task.name}, Suspend.await)"
}
