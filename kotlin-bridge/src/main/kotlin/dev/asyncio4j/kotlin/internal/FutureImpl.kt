package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.CancelledError
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Future
import dev.asyncio4j.InvalidStateError
import dev.asyncio4j.StopIteration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.function.Consumer

/**
 * Python's `asyncio.Future`. State lives in plain fields guarded by the loop's single-thread rule, except [state]
 * and [bridge], which other threads read. When it finishes, the Future schedules *itself* on the loop as one
 * Runnable that runs every callback registered so far in order (CPython schedules them back to back, so this is
 * the same order without an allocation per callback).
 */
internal open class FutureImpl<T>(@JvmField val loopImpl: EventLoopImpl) : Future<T>, Runnable {
    @Volatile
    private var state = PENDING
    private var value: T? = null
    private var error: Throwable? = null
    private var cancelMessage: String? = null

    /** The CancelledError that cancelled a Task, re-thrown by [result] so its message and trace survive. */
    @JvmField
    protected var cancelledError: CancellationException? = null

    private var firstCallback: Consumer<in Future<T>>? = null
    private var moreCallbacks: ArrayList<Consumer<in Future<T>>>? = null

    /** Callbacks taken at completion, run by [run]. */
    private var scheduledFirst: Consumer<in Future<T>>? = null
    private var scheduledMore: ArrayList<Consumer<in Future<T>>>? = null

    private var report: UnretrievedErrors.Report? = null

    @Volatile
    private var bridge: CompletableFuture<T>? = null

    // ------------------------------------------------------------------ reading

    override fun isDone(): Boolean = state != PENDING

    override fun isCancelled(): Boolean = state == CANCELLED

    override fun result(): T {
        when (state) {
            PENDING -> throw InvalidStateError("Result is not ready: the Future is still pending; await it first")
            CANCELLED -> throw makeCancelledError()
        }
        markRetrieved()
        val e = error ?: @Suppress("UNCHECKED_CAST") return value as T
        throw rethrowable(e)
    }

    override fun exception(): Throwable? {
        when (state) {
            PENDING -> throw InvalidStateError("Exception is not set: the Future is still pending; await it first")
            CANCELLED -> throw makeCancelledError()
        }
        markRetrieved()
        return error
    }

    /** The stored exception without marking it retrieved (null when pending, cancelled or successful). */
    fun peekException(): Throwable? = if (state == FINISHED) error else null

    /** The outcome as a Kotlin coroutine sees it: the original exception, never wrapped. Marks it retrieved. */
    fun outcome(): Result<T> = when (state) {
        FINISHED -> {
            markRetrieved()
            val e = error
            @Suppress("UNCHECKED_CAST")
            if (e == null) Result.success(value as T) else Result.failure(e)
        }
        CANCELLED -> Result.failure(makeCancelledError())
        else -> throw InvalidStateError("the Future is still pending")
    }

    private fun markRetrieved() {
        report?.let {
            report = null
            it.retrieved()
        }
    }

    open fun makeCancelledError(): CancelledError {
        val c = cancelledError
        if (c is CancelledError) return c
        return CancelledError(cancelMessage ?: c?.message)
    }

    override fun getLoop(): EventLoop = loopImpl

    // ------------------------------------------------------------------ completing

    override fun setResult(value: T) {
        loopImpl.checkThread("setResult")
        completeWithResult(value)
    }

    override fun setException(error: Throwable) {
        java.util.Objects.requireNonNull(error, "error")
        loopImpl.checkThread("setException")
        completeWithException(error)
    }

    override fun cancel(): Boolean = cancel(null)

    override fun cancel(message: String?): Boolean {
        loopImpl.checkThread("cancel")
        return cancelFuture(message)
    }

    protected fun completeWithResult(value: T) {
        if (state != PENDING) throw InvalidStateError("invalid state: $this is already done")
        this.value = value
        state = FINISHED
        scheduleCallbacks()
    }

    protected fun completeWithException(error: Throwable) {
        if (state != PENDING) throw InvalidStateError("invalid state: $this is already done")
        if (error is StopIteration) {
            throw IllegalArgumentException("StopIteration interacts badly with generators and cannot be raised into a Future")
        }
        this.error = error
        state = FINISHED
        report = loopImpl.unretrieved.track(this, error)
        scheduleCallbacks()
    }

    protected open fun cancelFuture(message: String?): Boolean {
        if (state != PENDING) return false
        cancelMessage = message
        state = CANCELLED
        scheduleCallbacks()
        return true
    }

    /** Task completion by a CancellationException that escaped the body. */
    protected fun cancelWith(cause: CancellationException) {
        cancelledError = cause
        cancelFuture(cause.message)
    }

    private fun scheduleCallbacks() {
        scheduledFirst = firstCallback
        scheduledMore = moreCallbacks
        firstCallback = null
        moreCallbacks = null
        if (scheduledFirst != null || bridge != null) loopImpl.enqueue(this)
        onDone()
    }

    /** Hook for subclasses, run synchronously at completion (bookkeeping only, no user code). */
    protected open fun onDone() {}

    /**
     * Runs the callbacks taken at completion; each failure goes to the exception handler. A [VirtualMachineError]
     * escapes to the loop's runner (as CPython lets SystemExit escape), but the callbacks after it are scheduled
     * again first, so nobody waiting on this Future is forgotten when the loop runs again.
     */
    override fun run() {
        bridge?.let(::completeBridge)
        val first = scheduledFirst ?: return
        val more = scheduledMore
        scheduledFirst = null
        scheduledMore = null
        var next = 0
        try {
            invokeCallback(first)
            if (more != null) while (next < more.size) invokeCallback(more[next++])
        } catch (fatal: VirtualMachineError) {
            if (more != null && next < more.size) {
                val rest = ArrayList(more.subList(next, more.size))
                scheduledFirst = rest.removeAt(0)
                scheduledMore = rest
                loopImpl.enqueue(this)
            }
            throw fatal
        }
    }

    private fun invokeCallback(cb: Consumer<in Future<T>>) {
        try {
            cb.accept(this)
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            loopImpl.callExceptionHandler(
                dev.asyncio4j.ExceptionContext("Exception in callback $cb of $this", t, this, null)
            )
        }
    }

    // ------------------------------------------------------------------ callbacks

    override fun addDoneCallback(cb: Consumer<in Future<T>>) {
        java.util.Objects.requireNonNull(cb, "callback")
        loopImpl.checkThread("addDoneCallback")
        if (state != PENDING) {
            loopImpl.callSoon { cb.accept(this) }
            return
        }
        if (firstCallback == null && moreCallbacks == null) {
            firstCallback = cb
        } else {
            val list = moreCallbacks ?: ArrayList<Consumer<in Future<T>>>(4).also { moreCallbacks = it }
            list.add(cb)
        }
    }

    /** [addDoneCallback] for the runtime's own callbacks on the loop thread: no checks. */
    fun addInternalCallback(cb: Consumer<in Future<T>>) {
        if (state != PENDING) {
            loopImpl.enqueue { cb.accept(this) }
        } else if (firstCallback == null && moreCallbacks == null) {
            firstCallback = cb
        } else {
            (moreCallbacks ?: ArrayList<Consumer<in Future<T>>>(4).also { moreCallbacks = it }).add(cb)
        }
    }

    override fun removeDoneCallback(cb: Consumer<in Future<T>>): Int {
        loopImpl.checkThread("removeDoneCallback")
        var removed = 0
        val list = moreCallbacks
        if (list != null) removed += list.count { it == cb }.also { if (it > 0) list.removeAll { c -> c == cb } }
        val first = firstCallback
        if (first != null && first == cb) {
            removed++
            firstCallback = null
        }
        if (firstCallback == null && list != null && list.isNotEmpty()) {
            firstCallback = list.removeAt(0)
        }
        if (list != null && list.isEmpty()) moreCallbacks = null
        return removed
    }

    // ------------------------------------------------------------------ CompletableFuture bridge

    override fun toCompletableFuture(): CompletableFuture<T> {
        bridge?.let { return it }
        val created: CompletableFuture<T>
        synchronized(this) {
            bridge?.let { return it }
            created = CompletableFuture<T>()
            bridge = created
        }
        created.whenComplete { _, _ ->
            if (created.isCancelled && state == PENDING && !loopImpl.isClosed) {
                try {
                    // cancel(), not cancelFuture(): for a Task it is a request the body sees at its await
                    loopImpl.callSoonThreadsafe { if (state == PENDING) cancel() }
                } catch (closed: IllegalStateException) {
                    // closed meanwhile: nothing left to cancel
                }
            }
        }
        if (state != PENDING) completeBridge(created)
        return created
    }

    private fun completeBridge(cf: CompletableFuture<T>) {
        when (state) {
            FINISHED -> {
                val e = error
                if (e == null) cf.complete(value) else {
                    markRetrievedFromAnyThread()
                    cf.completeExceptionally(e)
                }
            }
            CANCELLED -> cf.completeExceptionally(makeCancelledError())
        }
    }

    /** The bridge may be completed on a foreign thread; the retrieval bookkeeping belongs to the loop. */
    private fun markRetrievedFromAnyThread() {
        if (loopImpl.isOwnerThread() || !loopImpl.isRunning) {
            markRetrieved()
            return
        }
        try {
            loopImpl.callSoonThreadsafe { markRetrieved() }
        } catch (closed: IllegalStateException) {
            // closed meanwhile: close() already reported what was pending
        }
    }

    // ------------------------------------------------------------------ text

    override fun toString(): String = "<Future ${stateWord()}${outcomeText()}>"

    protected fun stateWord(): String = when (state) {
        PENDING -> "pending"
        CANCELLED -> "cancelled"
        else -> "finished"
    }

    protected fun outcomeText(): String = when (state) {
        FINISHED -> error?.let { " exception=$it" } ?: " result=${repr(value)}"
        else -> ""
    }

    companion object {
        const val PENDING = 0
        const val FINISHED = 1
        const val CANCELLED = 2

        /** The rethrow rule: unchecked as it is, checked wrapped in [CompletionException]. */
        @JvmStatic
        fun rethrowable(e: Throwable): Throwable =
            if (e is RuntimeException || e is Error) e else CompletionException(e)

        /** Python's repr for the values users print most: strings quoted, everything else as toString(). */
        fun repr(v: Any?): String = when (v) {
            is CharSequence -> "'" + v.toString().replace("\\", "\\\\").replace("'", "\\'") + "'"
            else -> v.toString()
        }
    }
}

internal typealias CancellationException = java.util.concurrent.CancellationException
