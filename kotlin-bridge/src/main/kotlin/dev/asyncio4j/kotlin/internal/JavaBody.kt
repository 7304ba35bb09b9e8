package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Coroutine
import dev.asyncio4j.Future
import dev.asyncio4j.internal.RethrowRule
import dev.asyncio4j.jdk.internal.VirtualThreads
import java.util.concurrent.locks.LockSupport

/**
 * A Java [Coroutine] body on a coroutine thread (taken from the loop's [BodyThreads]), run in strict turns with
 * the loop.
 *
 * The Task's driver coroutine ([drive]) calls [step] on the loop; the loop then waits while the body runs until its
 * next `Asyncio.await` (or its end), which hands the turn back. The awaited Future is awaited by the driver as any
 * Kotlin Task awaits, so cancellation and ordering are the Task's. Hand-offs are a volatile [turn] flag and
 * park/unpark: with the loop and the body both on virtual threads (JDK 21+) a round trip needs no OS context switch.
 * On JDK 17 the loop's platform thread spins briefly before parking, since a step usually ends within microseconds.
 */
internal class JavaBody<T>(private val loop: EventLoopImpl, private val coro: Coroutine<T>) {
    @Volatile
    private var turn = LOOP_TURN

    /** The loop-side thread waiting for the current step to end. */
    @Volatile
    private var waiter: Thread? = null

    private var thread: Thread? = null

    @Volatile
    private var abandoned = false

    // Hand-over fields; the volatile [turn] write/read orders them.
    private var inValue: Any? = null
    private var inError: Throwable? = null
    private var awaiting: Future<*>? = null
    private var finished = false
    private var result: T? = null
    private var failure: Throwable? = null

    /** The body's thread once started (parked between steps): where its frames are read (`Task.getStack()`). */
    fun bodyThread(): Thread? = thread

    /** The Task's coroutine: alternate body steps and awaits until the body returns or throws. */
    suspend fun drive(task: TaskImpl<T>): T {
        var value: Any? = null
        var error: Throwable? = null
        while (true) {
            val awaited = step(value, error) ?: break
            try {
                value = task.awaitInTask(awaited)
                error = null
            } catch (t: Throwable) {
                value = null
                error = t
            }
        }
        failure?.let { throw it }
        @Suppress("UNCHECKED_CAST")
        return result as T
    }

    /** Loop side: runs the body until its next await (returns the awaited Future) or its end (returns null). */
    private fun step(value: Any?, error: Throwable?): Future<*>? {
        inValue = value
        inError = error
        awaiting = null
        val me = Thread.currentThread()
        waiter = me
        val savedOwner = loop.owner
        var t = thread
        if (t == null) {
            val worker = loop.bodyThreads.take(loop)
            t = worker.thread
            thread = t
            loop.owner = t
            turn = BODY_TURN
            worker.assign(this)
        } else {
            loop.owner = t
            turn = BODY_TURN
            LockSupport.unpark(t)
        }
        if (SPIN_ON_PLATFORM_LOOP && !VirtualThreads.isVirtual(me)) {
            var spins = LOOP_SPINS
            while (turn != LOOP_TURN && spins-- > 0) Thread.onSpinWait()
        }
        while (turn != LOOP_TURN) LockSupport.park(this)
        loop.owner = savedOwner
        return if (finished) null else awaiting
    }

    /**
     * Body thread: runs the body to its end, then gives the thread back to the loop's [BodyThreads] (while still
     * holding the turn) and hands the turn back. Returns whether the thread was kept for another body.
     */
    fun runOn(worker: BodyThreads.Worker): Boolean {
        var kept = false
        try {
            result = coro.run()
        } catch (t: Throwable) {
            failure = t
        } finally {
            finished = true
            kept = !abandoned && worker.release()
            handBack()
        }
        return kept
    }

    /** Body side of `Asyncio.await`: hand the Future to the driver and wait for the outcome. */
    fun <R> await(f: Future<R>): R {
        if (abandoned) throw closedError()
        awaiting = f
        handBack()
        while (turn != BODY_TURN) LockSupport.park(this)
        val e = inError
        val v = inValue
        inError = null
        inValue = null
        if (e != null) throw RethrowRule.rethrowable(e)
        @Suppress("UNCHECKED_CAST")
        return v as R
    }

    private fun handBack() {
        val w = waiter
        turn = LOOP_TURN
        if (w != null) LockSupport.unpark(w)
    }

    /** The loop closed while this body waits: wake it with a CancelledError so its thread can end. */
    fun abandon() {
        val t = thread ?: return
        if (finished) return
        abandoned = true
        waiter = null
        inError = closedError()
        inValue = null
        turn = BODY_TURN
        LockSupport.unpark(t)
    }

    private fun closedError() = CancelledError("the event loop was closed while this task was pending")

    companion object {
        private const val LOOP_TURN = 0
        private const val BODY_TURN = 1
        private const val LOOP_SPINS = 20_000
        private val SPIN_ON_PLATFORM_LOOP = Runtime.getRuntime().availableProcessors() > 1

        /** The coroutine thread's worker, bound once per thread (not per body: ThreadLocal.set is not free). */
        private val CURRENT = ThreadLocal<BodyThreads.Worker>()

        fun bindWorker(worker: BodyThreads.Worker?) {
            if (worker == null) CURRENT.remove() else CURRENT.set(worker)
        }

        /** `Asyncio.await` from anywhere: only a coroutine body may suspend. */
        fun <R> awaitFromAnywhere(f: Future<R>): R {
            val body = CURRENT.get()?.body
            if (body == null) {
                val loop = RunningLoop.get()
                if (loop != null) {
                    throw IllegalStateException(
                        "Asyncio.await() called on the event loop thread outside a coroutine body: it would " +
                            "deadlock the loop. Await inside a Coroutine (loop.createTask(() -> ...)) or use " +
                            "future.addDoneCallback(...)"
                    )
                }
                throw IllegalStateException(
                    "Asyncio.await() called outside a coroutine body (thread '${Thread.currentThread().name}'). " +
                        "From a plain thread, block with future.toCompletableFuture().join(); inside asyncio code, " +
                        "run the code as a Coroutine"
                )
            }
            if (f.isDone) return f.result()
            return body.await(f)
        }
    }
}
