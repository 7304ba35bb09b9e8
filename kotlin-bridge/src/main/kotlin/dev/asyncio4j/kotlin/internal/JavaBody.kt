package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Coroutine
import dev.asyncio4j.Future
import dev.asyncio4j.internal.HandOffSpin
import dev.asyncio4j.internal.JdkContinuations
import dev.asyncio4j.internal.RethrowRule
import dev.asyncio4j.jdk.internal.VirtualThreads
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.locks.LockSupport

/**
 * A Java [Coroutine] body on a coroutine thread of its own, run in strict turns with the loop.
 *
 * A step of the Task ([TaskImpl]) runs the body until its next `Asyncio.await` (or its end); the Task then waits on
 * the awaited Future as any Kotlin Task awaits, so cancellation and ordering are the Task's. A step is either
 * *synchronous* ([step]: the calling thread waits while the body runs, and gets the turn back at the body's next
 * await) or *handed* ([handStep], JDK 21+, see [EventLoopImpl]): the body's thread ends the step itself at its next
 * await and goes on with the loop's work until the turn passes on. Hand-offs are a volatile [turn] flag and
 * park/unpark: with the loop and the body both on virtual threads (JDK 21+) they need no OS context switch. On JDK 17
 * the loop's platform thread spins briefly, bounded in time ([HandOffSpin]), before parking.
 *
 * Every body gets a new thread ([BodyThreads]), never one another body used: no per-thread state a body sets
 * (ThreadLocals, the context class loader, the thread's name, priority or uncaught-exception handler) can reach
 * another Task's body. The body's thread carries no ThreadLocal of ours either: `Asyncio.await` finds its body as
 * the [EventLoopImpl.runningBody] of the loop whose turn the thread holds ([RunningLoop]).
 *
 * A parked body keeps nothing of its loop reachable: no field here refers to the loop or the Task, the awaited
 * Future is taken by the loop side as soon as the turn comes back, and `Asyncio.await` clears its own reference
 * before parking (see [beginAwait]). A parked thread is a GC root, so this is what lets a loop dropped without
 * `close()` be collected; its [LoopRemains] then ends the parked bodies.
 *
 * **On continuations** ([ON_CONTINUATIONS], an opt-in on JDK 21+): the body is a JDK continuation instead, mounted by
 * the thread holding the loop's turn for each step and paused at each await — no thread at all, and no hand-off. The
 * protocol (what a step hands in, what an await hands out) is the same; only the way of waiting differs. The body
 * then shares the loop's thread, as a CPython coroutine does: its ThreadLocals and interrupt flag are the loop
 * thread's, and an await inside `synchronized` (JDK 21-23) or below a native frame cannot pause (it throws).
 */
internal class JavaBody<T>(coro: Coroutine<T>, name: String?, private val taskNumber: Long) : Runnable {
    @Volatile
    private var turn = LOOP_TURN

    /** The thread waiting for the current step to end (the loop's, or whoever abandons the body). */
    @Volatile
    private var waiter: Thread? = null

    /**
     * The loop of the step in progress and who owns it after the step: the body side restores [EventLoopImpl.owner]
     * itself before it hands the turn back, so that a finished body's thread, reused at once by another loop of the
     * JVM (a LoopGroup), is never still named owner of this one (`RunningLoop.get()` would find the wrong loop).
     */
    private var stepLoop: EventLoopImpl? = null
    private var ownerAfterStep: Thread? = null

    /** Whether the step in progress was handed ([handStep]): it ends on this body's thread, which goes on with the loop. */
    private var handed = false

    /** The body's thread once started; null before, and again once the body finished. */
    @Volatile
    private var thread: Thread? = null

    /** On continuations: the body's continuation once started; null before, and again once the body finished. */
    private var continuation: Any? = null

    /** On continuations: whether the continuation runs now (a step, or its abandonment), on the calling thread. */
    private var mounted = false

    /** Whether this body runs as a continuation (else on a thread of its own). */
    @JvmField
    val onContinuation: Boolean = ON_CONTINUATIONS

    private var coro: Coroutine<T>? = coro

    /** The Task's name as given or set (null: `Task-<taskNumber>`), for reports made when the Task is gone. */
    @JvmField
    var taskName: String? = name

    /** Woken with a CancelledError because its loop closed (or was dropped) while it waited. */
    @Volatile
    private var abandoned = false

    /** After its abandonment the body awaited a pending Future again: CPython's "coroutine ignored GeneratorExit". */
    @Volatile
    private var ignoredAbandonment = false

    // Hand-over fields; the volatile [turn] write/read orders them.
    private var inValue: Any? = null
    private var inError: Throwable? = null
    private var awaiting: Future<*>? = null
    private var finished = false
    private var result: T? = null
    private var failure: Throwable? = null

    /** The body's thread once started (parked between steps): where its frames are read (`Task.getStack()`). */
    fun bodyThread(): Thread? = thread

    /** Links of the [LoopRemains] list of started, unfinished bodies. */
    @JvmField
    var prevLive: JavaBody<*>? = null

    @JvmField
    var nextLive: JavaBody<*>? = null

    /** Whether the body's thread (or continuation) was started (its first step began). Loop side. */
    val started: Boolean get() = thread != null || continuation != null || finished

    /** On continuations: where the body waits, innermost frame first; null when it runs now or is not started. */
    fun pausedFrames(): Array<StackTraceElement>? {
        val c = continuation ?: return null
        return if (mounted) null else JdkContinuations.stackTrace(c)
    }

    /** On continuations: whether the body runs now on the calling thread (see [mounted]). */
    val isMounted: Boolean get() = mounted

    /** Loop side, after the step in which the body ended: its return value or what it threw. */
    fun takeOutcome(): Result<T> {
        val f = failure
        failure = null
        if (f != null) return Result.failure(f)
        val r = result
        result = null
        @Suppress("UNCHECKED_CAST")
        return Result.success(r as T)
    }

    /** Loop side: runs the body until its next await (returns the awaited Future) or its end (returns null). */
    fun step(loop: EventLoopImpl, value: Any?, error: Throwable?): Future<*>? {
        inValue = value
        inError = error
        handed = false
        if (onContinuation) return stepHere(loop)
        val me = Thread.currentThread()
        waiter = me
        val savedOwner = loop.owner
        val savedBody = loop.runningBody
        stepLoop = loop
        ownerAfterStep = savedOwner
        val t = thread
        if (t == null) {
            start(loop, savedOwner, savedBody)
        } else {
            giveTurn(loop, t)
        }
        awaitLoopTurn(loop, me)
        loop.owner = savedOwner
        loop.runningBody = savedBody
        waiter = null
        return stepOutcome(loop)
    }

    /**
     * Loop side, after a step of either kind: the Future the body awaits, or null when it ended (its thread or
     * continuation is then over, and no longer listed in [LoopRemains]).
     */
    private fun stepOutcome(loop: EventLoopImpl): Future<*>? {
        if (finished) {
            loop.remains.unlink(this)
            thread = null
            continuation = null
            return null
        }
        val f = awaiting
        awaiting = null
        return f
    }

    /**
     * On continuations, [step]: the body runs here, on the thread holding the turn, until it pauses at an await or
     * ends. Nothing of the turn changes hands.
     */
    private fun stepHere(loop: EventLoopImpl): Future<*>? {
        val c = continuation ?: JdkContinuations.create(SCOPE, this).also {
            continuation = it
            // A dropped loop's cleanup ([LoopRemains]) reports the pending body and ends it, as for a thread.
            loop.remains.link(this)
        }
        val savedBody = loop.runningBody
        loop.runningBody = this
        mounted = true
        try {
            JdkContinuations.run(c)
        } catch (e: Throwable) {
            // Thrown past the body's own catch (its continuation's machinery failed): the continuation is over.
            continuation = null
            loop.remains.unlink(this)
            throw e
        } finally {
            mounted = false
            loop.runningBody = savedBody
        }
        return stepOutcome(loop)
    }

    /**
     * Loop side, first step: starts the body's thread with the turn. When no thread can be had ("unable to create
     * native thread" under a thread limit), the turn and the loop stay as they were and the error is thrown, so
     * that this Task fails with it and the loop goes on.
     */
    private fun start(loop: EventLoopImpl, savedOwner: Thread?, savedBody: JavaBody<*>?) {
        val prepared = BodyThreads.prepare(this, loop.homeClassLoader)
        val t = BodyThreads.threadOf(prepared)
        thread = t
        loop.runningBody = this
        loop.owner = t
        // Linked before the launch: from then on (a handed step) this thread may not touch the loop.
        loop.remains.link(this)
        turn = BODY_TURN
        try {
            BodyThreads.launch(prepared)
        } catch (e: Throwable) {
            turn = LOOP_TURN
            thread = null
            loop.remains.unlink(this)
            loop.owner = savedOwner
            loop.runningBody = savedBody
            waiter = null
            stepLoop = null
            handed = false
            inValue = null
            inError = null
            throw e
        }
    }

    /**
     * On the thread holding the turn, at the top of the loop's work ([TaskImpl.beginHandedStep]): hands the turn to
     * the body for a step that its own thread ends. From the moment this returns, the calling thread no longer holds
     * the turn (unless it is the body's own: then its step simply goes on there). Throws, with nothing changed, when no
     * thread can be had for a first step.
     */
    fun handStep(loop: EventLoopImpl, value: Any?, error: Throwable?) {
        inValue = value
        inError = error
        handed = true
        waiter = null
        stepLoop = loop
        ownerAfterStep = null
        val t = thread
        if (t == null) {
            start(loop, loop.owner, null)
            return
        }
        giveTurn(loop, t)
    }

    /** The step in progress goes to this body's started thread [t] (already running it when it is the caller's own). */
    private fun giveTurn(loop: EventLoopImpl, t: Thread) {
        loop.runningBody = this
        loop.owner = t
        turn = BODY_TURN
        if (t !== Thread.currentThread()) LockSupport.unpark(t)
    }

    /**
     * Loop side: waits for the body to hand the turn back. A platform thread first spins briefly ([HandOffSpin]: a
     * step usually ends within microseconds). A set interrupt flag would make every park return at once: it is
     * cleared while waiting and kept — for the caller of runForever when this is the loop's own thread, else put
     * back at once.
     */
    private fun awaitLoopTurn(loop: EventLoopImpl, me: Thread) {
        if (turn == LOOP_TURN) return
        val limit = if (VirtualThreads.isVirtual(me)) 0L else loop.handOffSpin.nextLimit()
        if (limit > 0) {
            val start = System.nanoTime()
            var spins = 0
            while (turn != LOOP_TURN) {
                Thread.onSpinWait()
                if (HandOffSpin.spentAfter(++spins, start, limit)) break
            }
            val answered = turn == LOOP_TURN
            loop.handOffSpin.spun(answered)
            if (answered) return
        }
        if (parkUntil(LOOP_TURN)) loop.keepInterrupt(me)
    }

    /**
     * Parks until the turn is [wanted]. The interrupt flag is cleared while waiting (it would make every park return
     * at once); returns whether it was set, for the caller to restore or keep. Inlined: a sleeping body's parked
     * stack (what its virtual thread keeps while it waits) is one frame shorter.
     */
    @Suppress("NOTHING_TO_INLINE")
    private inline fun parkUntil(wanted: Int): Boolean {
        var interrupted = false
        while (turn != wanted) {
            LockSupport.park(this)
            if (Thread.interrupted()) interrupted = true
        }
        return interrupted
    }

    /** Body thread: runs the body to its end, then hands the turn back for the last time. */
    override fun run() {
        try {
            val body = coro!!
            coro = null
            result = body.run()
        } catch (t: Throwable) {
            failure = t
        } finally {
            finished = true
            if (!onContinuation) {
                if (handed) endHandedBody() else handBack()
            }
        }
    }

    /** Body thread, at the body's end in a handed step: completes the Task, then goes on with the loop until the turn leaves. */
    private fun endHandedBody() {
        val loop = stepLoop!!
        stepLoop = null
        loop.remains.unlink(this)
        thread = null
        loop.runningBody = null
        turn = LOOP_TURN
        loop.handedTask!!.endHandedBody(takeOutcome())
        loop.continueTurn(this)
    }

    /**
     * Body thread, at an await in a handed step: ends the step waiting on the awaited Future and goes on with the
     * loop's work. Returns whether this body's next step already began here; throws what the body gets at once when
     * its Task may not await that Future (the step goes on). Not inlined: the parked body's frames keep no loop.
     */
    private fun endHandedStepAndGoOn(): Boolean {
        val loop = stepLoop!!
        val f = awaiting!!
        awaiting = null
        val refused = loop.handedTask!!.endHandedStepAt(f)
        if (refused != null) throw RethrowRule.rethrowable(refused)
        stepLoop = null
        loop.runningBody = null
        turn = LOOP_TURN
        return loop.continueTurn(this)
    }

    /** Body side, second half of `Asyncio.await` (see [beginAwait]): hand the turn back and wait for the outcome. */
    fun <R> finishAwait(): R {
        if (onContinuation) return pauseHere()
        if (ignoredAbandonment) {
            // Nobody will ever complete this await: let the abandoner go on, and stay parked (a frame cannot be
            // dropped as CPython drops a coroutine that ignored GeneratorExit).
            awaiting = null
            handBack()
            while (true) LockSupport.park(this)
        }
        if (!handed) {
            handBack()
            // The restore-the-flag idiom before an await must not turn this wait into a spin: clear, wait, restore.
            if (parkUntil(BODY_TURN)) Thread.currentThread().interrupt()
        } else if (!endHandedStepAndGoOn()) {
            if (parkUntil(BODY_TURN)) Thread.currentThread().interrupt()
        }
        return takeIn()
    }

    /** Body side, after the wait: what the step that resumed the body handed in. */
    private fun <R> takeIn(): R {
        val e = inError
        val v = inValue
        inError = null
        inValue = null
        if (e != null) throw RethrowRule.rethrowable(e)
        @Suppress("UNCHECKED_CAST")
        return v as R
    }

    /**
     * On continuations, [finishAwait]: the body pauses (the step that mounted it returns) until its next step. A body
     * that awaited again after its abandonment pauses for good: its continuation is dropped unfinished.
     */
    private fun <R> pauseHere(): R {
        try {
            JdkContinuations.yieldNow(SCOPE)
        } catch (pinned: IllegalStateException) {
            awaiting = null
            throw IllegalStateException(
                "Asyncio.await() cannot pause here: the body holds a monitor (synchronized, on JDK 21-23) or has a " +
                    "native frame on its stack, which a JDK continuation cannot suspend; await outside synchronized " +
                    "blocks, or run without -Dasyncio4j.javaTasks=continuations to give Java Tasks threads of their own",
                pinned,
            )
        } catch (tooDeep: StackOverflowError) {
            // Saving a deep stack that still runs interpreted needs native stack in proportion to its depth, taken
            // from the thread running the loop; the body is still running and may catch this and await again.
            awaiting = null
            throw StackOverflowError(
                "Asyncio.await() could not pause this body: saving its stack ran out of the loop thread's stack; " +
                    "await less deep, give the thread that runs the loop a larger stack (-Xss, or a Thread made with " +
                    "a stackSize), or run without -Dasyncio4j.javaTasks=continuations (bodies on threads of their own)"
            ).apply { initCause(tooDeep) }
        }
        return takeIn()
    }

    private fun handBack() {
        val w = waiter
        val loop = stepLoop
        if (loop != null) {
            // Both cleared: a body parked in an await must not keep its loop (or the loop's carrier) reachable.
            stepLoop = null
            loop.owner = ownerAfterStep
            ownerAfterStep = null
        }
        turn = LOOP_TURN
        if (w != null) LockSupport.unpark(w)
    }

    /**
     * The loop closed, or was dropped, while this body waits in an await: wake it with a CancelledError and wait,
     * as the loop's one logical thread, until it finished or awaited again. Returns whether it awaited again (it
     * ignored the cancellation and stays parked). Call only while the loop is not running.
     */
    fun abandonAndWait(): Boolean {
        if (onContinuation) return abandonHere()
        val t = thread ?: return false
        if (finished) return false
        handInAbandonment()
        handed = false
        waiter = Thread.currentThread()
        ABANDONED[t] = this
        try {
            turn = BODY_TURN
            LockSupport.unpark(t)
            if (parkUntil(LOOP_TURN)) Thread.currentThread().interrupt()
        } finally {
            ABANDONED.remove(t)
            waiter = null
        }
        if (finished) thread = null
        return ignoredAbandonment
    }

    /** On continuations, [abandonAndWait]: the body gets its CancelledError here, on the closing thread. */
    private fun abandonHere(): Boolean {
        val c = continuation ?: return false
        if (finished) return false
        handInAbandonment()
        val me = Thread.currentThread()
        ABANDONED[me] = this
        mounted = true
        try {
            JdkContinuations.run(c)
        } finally {
            mounted = false
            ABANDONED.remove(me)
            awaiting = null
            // Finished, or paused again (dropped unfinished, as CPython drops a coroutine that ignored GeneratorExit).
            continuation = null
        }
        return ignoredAbandonment
    }

    /** What an abandoned body's await gets: the loop closed (or was dropped) while it waited. */
    private fun handInAbandonment() {
        abandoned = true
        inError = CancelledError("the event loop was closed while this task was pending")
        inValue = null
    }

    /** The Task as a report shows it once the Task object is gone. */
    fun describeTask(): String = "<Task pending name='${taskName ?: "Task-$taskNumber"}'>"

    companion object {
        private const val LOOP_TURN = 0
        private const val BODY_TURN = 1

        /** Bodies woken after their loop stopped running (closed or dropped), by thread: they have no running loop. */
        private val ABANDONED = ConcurrentHashMap<Thread, JavaBody<*>>()

        /** The property that chooses continuations for Java Task bodies (value `continuations`). */
        const val MODE_PROPERTY = "asyncio4j.javaTasks"

        /**
         * Whether Java Task bodies run as continuations: `-Dasyncio4j.javaTasks=continuations` and the continuation
         * opt-in ([JdkContinuations.AVAILABLE]: JDK 21+ and `--add-exports java.base/jdk.internal.vm`). Asked for
         * where they cannot be had, bodies keep their threads, and a warning says why.
         */
        @JvmField
        val ON_CONTINUATIONS: Boolean = chooseContinuations(System.getProperty(MODE_PROPERTY))

        /** The Task bodies' continuation scope: an await pauses the innermost body, never a generator around it. */
        private val SCOPE: Any? = if (ON_CONTINUATIONS) JdkContinuations.scope("asyncio4j-task") else null

        private fun chooseContinuations(mode: String?): Boolean {
            when (mode) {
                null, "", "threads" -> return false
                "continuations" -> {
                    if (JdkContinuations.AVAILABLE) return true
                    System.getLogger("dev.asyncio4j").log(
                        System.Logger.Level.WARNING,
                        "-D$MODE_PROPERTY=continuations needs JDK 21+ and --add-exports " +
                            "java.base/jdk.internal.vm=ALL-UNNAMED (or =dev.asyncio4j on the module path, or " +
                            "Add-Exports: java.base/jdk.internal.vm in the jar's manifest); Java Tasks run on threads",
                    )
                    return false
                }
                else -> {
                    System.getLogger("dev.asyncio4j").log(
                        System.Logger.Level.WARNING,
                        "-D$MODE_PROPERTY=$mode is not a mode: expected 'threads' (the default) or 'continuations'; " +
                            "Java Tasks run on threads",
                    )
                    return false
                }
            }
        }

        /** The body whose thread is the calling thread and holds its loop's turn, or null. */
        private fun current(): JavaBody<*>? {
            val me = Thread.currentThread()
            val loop = RunningLoop.get()
            if (loop != null) {
                val body = loop.runningBody ?: return null
                val runsHere = if (body.onContinuation) body.mounted else body.thread === me
                return if (runsHere) body else null
            }
            return if (ABANDONED.isEmpty()) null else ABANDONED[me]
        }

        /**
         * Body side, first half of `Asyncio.await(f)`: returns null when [f] is done (the caller reads its result),
         * else the body, after handing it [f]; the caller then drops its own reference to [f] and calls
         * [finishAwait]. Split in two so that no frame of a parked body keeps the Future, hence its loop, reachable.
         */
        fun beginAwait(f: Future<*>): JavaBody<*>? {
            val body = current() ?: throw notInBody()
            if (f.isDone) return null
            if (body.abandoned) body.ignoredAbandonment = true
            body.awaiting = f
            return body
        }

        private fun notInBody(): IllegalStateException {
            if (RunningLoop.get() != null) {
                return IllegalStateException(
                    "Asyncio.await() called on the event loop thread outside a coroutine body: it would " +
                        "deadlock the loop. Await inside a Coroutine (loop.createTask(() -> ...)) or use " +
                        "future.addDoneCallback(...)"
                )
            }
            return IllegalStateException(
                "Asyncio.await() called outside a coroutine body (thread '${Thread.currentThread().name}'). " +
                    "From a plain thread, block with future.toCompletableFuture().join(); inside asyncio code, " +
                    "run the code as a Coroutine"
            )
        }
    }
}
