package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Context
import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.ExceptionHandler
import dev.asyncio4j.Future
import dev.asyncio4j.Handle
import dev.asyncio4j.Task
import dev.asyncio4j.TimerHandle
import dev.asyncio4j.internal.HandOffSpin
import dev.asyncio4j.internal.ContextHost
import dev.asyncio4j.internal.FutureBase
import dev.asyncio4j.internal.LoopInternals
import dev.asyncio4j.internal.UnretrievedErrors
import dev.asyncio4j.jdk.internal.VirtualThreads
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Delay
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.CancellationException as KCancellationException
import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.Executor
import java.util.concurrent.ExecutorService
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.CoroutineContext

/**
 * The event loop: a single logical thread with a ready queue, a timer heap and a lock-free inbox, which is also a
 * kotlinx [CoroutineDispatcher] and [Delay], so Kotlin coroutines dispatched here (and their `delay()`) run on it.
 *
 * While it runs, the loop's work is done by one thread at a time, the one holding its *turn* (the [owner]): the
 * thread that called [runForever] — or, on JDK 21+ when that is a platform thread and Java bodies are threads, a
 * virtual thread it waits on — its *home*; during a Java body's step, the body's thread. On JDK 21+ the turn is
 * passed like a baton ([HAND_OFF]): a Java Task's step asked for by a callback is handed straight to its body's
 * thread, and at its next await that thread ends the step and goes on with the loop's work itself, until the next
 * Java step (handed on, or its own: no hand-off at all), or until the loop must block or stop (the turn goes home).
 * One switch between Java Tasks is then one thread hand-off instead of two. Blocking for events happens at home only,
 * and so does everything in debug mode (its log names the Task whose step made a callback slow). See
 * docs/PERFORMANCE.md "Baton passing". Java bodies run as continuations ([JavaBody.ON_CONTINUATIONS]) never take the
 * turn: each step runs at home, as a Kotlin Task's does.
 */
@OptIn(InternalCoroutinesApi::class, ExperimentalCoroutinesApi::class)
internal open class EventLoopImpl(private val clock: LoopTime) : CoroutineDispatcher(), Delay, LoopInternals, ContextHost {
    /** A loop on real time: every loop the SDK makes (a test loop passes its virtual clock, [VirtualTimeLoop]). */
    constructor() : this(RealTime)

    private val ready = ArrayDeque<Runnable>(256)
    private val timers = TimerHeap()
    private val inbox = Inbox()
    private var timerSeq = 0L
    private var cancelledTimersHint = 0

    @Volatile
    private var running = false

    @Volatile
    private var closed = false

    @Volatile
    private var debug = false

    /** The only thread allowed to act on the loop while it runs. */
    @Volatile
    @JvmField
    var owner: Thread? = null

    /** The carrier executing the loop's iterations (parks here between events). */
    @Volatile
    private var carrier: Thread? = null

    /** 1 while the carrier is parked waiting for events; a producer that swaps it to 0 unparks. */
    private val sleeping = AtomicInteger(0)

    /** How the loop waits: [parkWait] without sockets, the Selector of [io] while sockets are open. */
    @Volatile
    @JvmField
    var events: EventWait = ParkWait()

    @JvmField
    val parkWait: EventWait = events

    /** The loop's Selector and I/O buffers, made when the first socket opens. */
    private var ioState: dev.asyncio4j.kotlin.internal.io.SelectorWait? = null

    /** The loop's I/O state (Selector, shared buffers), created on first use. Loop thread. */
    fun io(): dev.asyncio4j.kotlin.internal.io.SelectorWait {
        checkClosed()
        return ioState ?: dev.asyncio4j.kotlin.internal.io.SelectorWait(this).also { ioState = it }
    }

    private var stopping = false

    /** Loop stalls seen (see [runOnce]); read by the loop's MBean from another thread. */
    @Volatile
    @JvmField
    var slowCallbacks = 0L

    /** How many callbacks wait in the ready queue (racy from another thread: for the loop's MBean). */
    val readyCount: Int get() = ready.size

    /** The loop's thread was interrupted while running: runForever's caller gets the flag back when it returns. */
    private var heldInterrupt = false

    /** How long a platform loop thread spins for a body step to hand back (JDK 17). */
    @JvmField
    val handOffSpin = HandOffSpin(HandOffSpin.CPUS)

    /** Debug mode: the Task whose step took longest inside the callback [runTimed] is timing, and how long. */
    private var slowestStepTask: TaskImpl<*>? = null
    private var slowestStepNanos = 0L

    /** Debug mode: when the Kotlin step that kotlinx resumed (see [TaskElement]) started. */
    @JvmField
    var kotlinStepStartNanos = 0L

    @JvmField
    var currentTask: TaskImpl<*>? = null

    /** The context code holding this loop's turn runs in ([LoopContexts]); null while the loop does not run. */
    @JvmField
    var runContext: Context? = null

    /** The empty context the loop is in between callbacks ([LoopContexts]). */
    @JvmField
    var baseContext: Context = Context()

    /** `set_task_factory`'s factory, or null for plain Tasks. */
    @JvmField
    var taskFactory: dev.asyncio4j.TaskFactory? = null

    /** Tasks not yet done, in creation order (Python keeps a weak set; a pending task here is reachable anyway). */
    @JvmField
    val tasks: MutableSet<TaskImpl<*>> = TaskRegistry()

    private var exceptionHandler: ExceptionHandler? = null

    @JvmField
    val unretrieved = UnretrievedErrors(this)

    val executors = LoopExecutors(this)

    // ------------------------------------------------------------------ the turn, passed like a baton (JDK 21+)

    /** Callbacks of the current iteration still to run: whichever thread holds the turn goes on with them. */
    private var batchLeft = 0

    /** The current iteration's end time (CPython's `end_time` in `_run_once`), for the stall count. */
    private var batchEnd = 0.0

    /** Whether a Java step asked for now may be handed off: only while a callback runs at the top of the loop's work. */
    @JvmField
    var handOffAllowed = false

    /** The Java Task whose step the running callback asked for ([deferStep]); it begins once that callback returns. */
    private var deferredStep: TaskImpl<*>? = null

    @JvmField
    var deferredValue: Any? = null

    @JvmField
    var deferredError: Throwable? = null

    /** What is left of the callbacks that asked for [deferredStep], innermost first: they run right after it. */
    private val afterHandOff = ArrayList<Runnable>(4)

    /** The Java Task whose handed step runs now, and what its step's end restores ([TaskImpl.beginHandedStep]). */
    @JvmField
    var handedTask: TaskImpl<*>? = null

    @JvmField
    var handedOuterContext: Context? = null

    @JvmField
    var handedEntered = false

    /**
     * While a flight recording runs: the callback that asked for the handed step, its event and start, timed until
     * the step ends on the body's thread ([endHandedTiming]) — the stall it causes, as if the step ran inside it.
     */
    private var timedCallback: Runnable? = null
    private var timedEvent: SlowCallbackEvent? = null
    private var timedStart = 0L

    /** While a flight recording runs: the handed step's own event ([TaskImpl.beginHandedStep]). */
    @JvmField
    var handedStepEvent: SlowStepEvent? = null

    /** False while the home thread has handed the turn away and waits for it back. */
    @Volatile
    private var homeTurn = true

    /** What loop work on a body's thread threw past the callbacks' handling (a VirtualMachineError): home throws it. */
    private var fatal: Throwable? = null

    /** The Java body whose step runs now (its thread is the [owner]), or null. */
    @JvmField
    var runningBody: JavaBody<*>? = null

    /**
     * Held by a thread other than the loop's while it reads a paused continuation body's frames (`Task.getStack()`,
     * [TaskStacks]), and while the loop starts running or abandons its bodies on close — the moments a body is mounted
     * off the turn's usual path. A read then either finishes before the loop starts, or sees it running and reads
     * nothing: never a stack chunk that the loop's thread is changing.
     */
    @JvmField
    val bodyFramesLock = Any()

    /** The context class loader of the thread that runs the loop: every Java body's thread starts with it. */
    @JvmField
    var homeClassLoader: ClassLoader? = null

    /** The threads of pending Java bodies, ended by [cleanable] if this loop is dropped without [close]. */
    @JvmField
    val remains = LoopRemains()

    private val cleanable = LoopRemains.register(this, remains)

    /** Subprocesses and pipe pumps working for this loop off its thread (read by a virtual-time loop). */
    @JvmField
    val outsideWork = OutsideWork()

    @JvmField
    val id = LOOP_IDS.incrementAndGet()

    // ------------------------------------------------------------------ running

    override fun runForever() {
        checkClosed()
        checkNotRunning()
        val caller = Thread.currentThread()
        homeClassLoader = caller.contextClassLoader
        if (USE_VIRTUAL_CARRIER && !VirtualThreads.isVirtual(caller)) {
            var failure: Throwable? = null
            var interrupted = false
            val vt = VirtualThreads.newThread("asyncio4j-loop-$id") {
                try {
                    interrupted = runLoop()
                } catch (t: Throwable) {
                    failure = t
                }
            }
            // Running from now on, so that a foreign thread calling in before the carrier starts is refused.
            running = true
            try {
                vt.start()
            } catch (t: Throwable) {
                running = false
                throw t
            }
            joinUninterruptibly(vt)
            // A callback that interrupted the loop's thread meant runForever's caller, as on JDK 17.
            if (interrupted) caller.interrupt()
            failure?.let { throw it }
        } else if (runLoop()) {
            caller.interrupt()
        }
    }

    /** Runs iterations until stopped, on the calling thread; returns whether that thread was interrupted meanwhile. */
    private fun runLoop(): Boolean {
        val me = Thread.currentThread()
        carrier = me
        synchronized(bodyFramesLock) {
            owner = me
            running = true
        }
        RunningLoop.enter(this)
        LoopMBeans.started(this, me)
        LoopContexts.start(this)
        try {
            while (true) {
                runOnce()
                if (stopping) break
            }
        } finally {
            batchLeft = 0
            handOffAllowed = false
            timedEvent = null
            timedCallback = null
            handedStepEvent = null
            deferredStep = null
            deferredValue = null
            deferredError = null
            afterHandOff.clear()
            homeTurn = true
            fatal = null
            LoopMBeans.stopped(this)
            LoopContexts.stop(this)
            RunningLoop.exit(this)
            stopping = false
            owner = null
            carrier = null
            running = false
        }
        // The interrupt is the caller's: hidden while the loop waits (it would turn every park into a spin), kept for
        // the caller when runForever returns.
        val interrupted = heldInterrupt || Thread.interrupted()
        heldInterrupt = false
        return interrupted
    }

    /** An interrupt of [thread], found while it waited for a hand-off: keep it for runForever's caller. */
    fun keepInterrupt(thread: Thread) {
        if (thread === carrier) heldInterrupt = true else thread.interrupt()
    }

    /**
     * One iteration at home, as CPython's `_run_once`: wait for events or the first timer, move due timers, run what is
     * ready. A Java step handed off takes the turn away; home waits for it back, which comes once the batch is done.
     */
    private fun runOnce() {
        beginIteration(true)
        if (batchLeft == 0) return
        // Timed one by one in debug mode (and never handed off then: the log names the Task whose step was slow);
        // else by [runNext] while a flight recording runs, or as a whole batch (one clock read per iteration).
        if (debug) {
            while (batchLeft > 0) {
                batchLeft--
                runTimed(ready.removeFirst())
            }
            return
        }
        while (batchLeft > 0) {
            if (runNext(null) == TURN_PASSED) {
                waitForTurnAtHome()
                // The turn comes home between batches: the thread that ended this one counted its stall.
                if (batchLeft == 0) return
            }
        }
        countStall()
    }

    /** A batch's stall, unless a flight recording runs: then [runNext] counted each slow callback. */
    private fun countStall() {
        if (!LoopEvents.recording && (time() - batchEnd) * 1e9 >= SLOW_CALLBACK_NANOS) slowCallbacks++
    }

    /**
     * The start of an iteration, up to its batch ([batchLeft]): due timers moved to the ready queue, events polled —
     * or, [mayBlock] at home with nothing ready, waited for.
     */
    private fun beginIteration(mayBlock: Boolean) {
        drainInbox()
        if (cancelledTimersHint > MIN_CANCELLED_TIMERS_TO_PURGE && cancelledTimersHint * 2 > timers.size) {
            timers.purgeCancelled()
            cancelledTimersHint = 0
        }
        while (true) {
            val head = timers.peek() ?: break
            if (!head.cancelled) break
            timers.poll()
        }
        // Nothing ready: the clock decides how long to wait (real time: until the first timer; virtual time: jump).
        val waitNanos = if (mayBlock && ready.isEmpty() && !stopping) clock.idleWait(this, timers.peek()?.whenTime ?: Double.POSITIVE_INFINITY) else 0L
        if (waitNanos != 0L) waitForEvents(waitNanos) else events.poll()
        drainInbox()
        val endTime = time() + LoopClock.RESOLUTION
        while (true) {
            val head = timers.peek() ?: break
            if (head.cancelled) {
                timers.poll()
                continue
            }
            if (head.whenTime >= endTime) break
            timers.poll()
            ready.addLast(head)
        }
        batchEnd = endTime
        batchLeft = ready.size
    }

    /**
     * Runs the next callback of the batch on the thread holding the turn ([holder]: its body, null at home). When it
     * asked for a Java step, that step begins now: handed to its body's thread ([TURN_PASSED]: this thread no longer
     * holds the turn and must touch nothing of the loop), or, being the holder's own, continued here ([OWN_STEP]).
     */
    private fun runNext(holder: JavaBody<*>?): Int {
        batchLeft--
        val r = ready.removeFirst()
        // A user's callback (a Handle) may go on after a step it caused: only the runtime's own callbacks hand off.
        handOffAllowed = HAND_OFF && r !is HandleImpl
        val event = if (LoopEvents.recording) LoopEvents.beginCallback() else null
        val start = if (event != null) System.nanoTime() else 0L
        try {
            runCallback(r)
        } finally {
            handOffAllowed = false
        }
        if (event != null) {
            if (deferredStep == null) {
                endTimedCallback(event, r, start)
            } else {
                timedEvent = event
                timedCallback = r
                timedStart = start
            }
        }
        // On a body's thread, an interrupt that appeared during a callback is the callback's, meant for the loop's
        // thread, hence for runForever's caller (one that another thread sent the body just then cannot be told apart).
        if (holder != null && Thread.interrupted()) heldInterrupt = true
        val task = deferredStep ?: return NEXT_CALLBACK
        deferredStep = null
        if (afterHandOff.isNotEmpty()) {
            for (i in afterHandOff.indices.reversed()) ready.addFirst(afterHandOff[i])
            batchLeft += afterHandOff.size
            afterHandOff.clear()
        }
        // Home: an interrupt of the loop's thread is runForever's caller's; keep it for them before the turn leaves.
        if (holder == null && Thread.interrupted()) heldInterrupt = true
        val own = holder != null && task.body === holder
        if (holder == null) homeTurn = false
        if (!task.beginHandedStep()) {
            // The Task finished without its body: the turn stays with this thread (home's only if this is home).
            if (holder == null) homeTurn = true
            return NEXT_CALLBACK
        }
        return if (own) OWN_STEP else TURN_PASSED
    }

    /** Home, after handing the turn off: waits until it comes back (at the end of a batch), or rethrows a fatal error. */
    private fun waitForTurnAtHome() {
        var interrupted = false
        while (!homeTurn) {
            LockSupport.park(this)
            if (Thread.interrupted()) interrupted = true
        }
        if (interrupted) heldInterrupt = true
        val f = fatal
        if (f != null) {
            fatal = null
            throw f
        }
    }

    /**
     * A body's thread, after ending its handed step (at an await, or at its end, [body]): goes on with the loop's
     * work until the turn leaves. Returns true when the body's own next step began here (no hand-off), false once the
     * turn passed to another body or home (the thread then parks, or ends with its body). New iterations are begun
     * here only while something is ready; blocking for events, stopping and anything timed happen at home. The body's
     * own interrupt flag is kept, and so is one that another thread sends it between callbacks; what a callback sets
     * goes to runForever's caller ([runNext]); what loop work throws past the callbacks' handling (a
     * VirtualMachineError) is thrown at home.
     */
    fun continueTurn(body: JavaBody<*>): Boolean {
        var bodyInterrupted = Thread.interrupted()
        try {
            while (true) {
                if (Thread.interrupted()) bodyInterrupted = true
                if (batchLeft == 0) {
                    countStall()
                    if (stopping || ready.isEmpty() || debug) break
                    beginIteration(false)
                    continue
                }
                when (runNext(body)) {
                    OWN_STEP -> return true
                    TURN_PASSED -> return false
                }
            }
            passHome()
        } catch (t: Throwable) {
            batchLeft = 0
            fatal = t
            passHome()
        } finally {
            if (bodyInterrupted) Thread.currentThread().interrupt()
        }
        return false
    }

    private fun passHome() {
        val home = carrier!!
        owner = home
        homeTurn = true
        LockSupport.unpark(home)
    }

    /** A flight recording runs: [r], begun at [start], is done (with the step it handed, if any). */
    private fun endTimedCallback(event: SlowCallbackEvent, r: Runnable, start: Long) {
        LoopEvents.endCallback(event, this, r)
        if (System.nanoTime() - start >= SLOW_CALLBACK_NANOS) slowCallbacks++
    }

    /** The handed step ended ([TaskImpl]): the callback that asked for it is done too, for a flight recording. */
    fun endHandedTiming() {
        val event = timedEvent ?: return
        endTimedCallback(event, timedCallback!!, timedStart)
        timedEvent = null
        timedCallback = null
    }

    /** A Java Task's step, asked for by the callback running now ([handOffAllowed]): it begins once that returns. */
    fun deferStep(task: TaskImpl<*>, value: Any?, error: Throwable?) {
        handOffAllowed = false
        deferredStep = task
        deferredValue = value
        deferredError = error
    }

    override fun handingOff(): Boolean = deferredStep != null

    override fun runNextAfterHandOff(r: Runnable) {
        afterHandOff.add(r)
    }

    private fun waitForEvents(nanos: Long) {
        // An interrupt would make every park return at once: hold it for runForever's caller instead.
        if (Thread.interrupted()) heldInterrupt = true
        val wait = events.arm()
        sleeping.set(1)
        if (inbox.isEmpty()) wait.block(nanos) else wait.poll()
        sleeping.set(0)
        if (Thread.interrupted()) heldInterrupt = true
    }

    private fun wakeUp() {
        if (sleeping.get() == 1 && sleeping.compareAndSet(1, 0)) {
            events.wake()
        }
    }

    private fun drainInbox() {
        if (!inbox.isEmpty()) inbox.drain { ready.addLast(it) }
    }

    private fun runCallback(r: Runnable) {
        try {
            LoopContexts.run(this, r)
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            callExceptionHandler(
                ExceptionContext("Exception in callback $r", t, null, r as? Handle)
            )
        }
    }

    private fun runTimed(r: Runnable) {
        val event = if (LoopEvents.recording) LoopEvents.beginCallback() else null
        slowestStepTask = null
        slowestStepNanos = 0
        val start = System.nanoTime()
        runCallback(r)
        val tookNanos = System.nanoTime() - start
        if (event != null) LoopEvents.endCallback(event, this, r)
        if (tookNanos >= SLOW_CALLBACK_NANOS) {
            slowCallbacks++
            // Timed for a flight recording only: the JFR events say it; the log speaks in debug mode.
            if (debug) {
                // A Task's step inside this callback (woken by the Future that completed) took most of the time:
                // name the Task, as CPython does for its step and wake-up handles, not the Future that woke it.
                val task = slowestStepTask
                val what = if (task != null && slowestStepNanos * 2 >= tookNanos) task.toString() else describe(r)
                LOGGER.log(System.Logger.Level.WARNING, "Executing %s took %.3f seconds".format(what, tookNanos / 1e9))
            }
        }
        slowestStepTask = null
    }

    /** Debug mode: [task]'s step took [nanos] inside the callback being timed. */
    fun recordStep(task: TaskImpl<*>, nanos: Long) {
        if (nanos > slowestStepNanos) {
            slowestStepNanos = nanos
            slowestStepTask = task
        }
    }

    private fun describe(r: Runnable): String = when (r) {
        is TaskImpl<*>.Step -> r.task.toString()
        else -> r.toString()
    }

    override fun <T> runUntilComplete(future: Future<T>): T {
        checkClosed()
        checkNotRunning()
        if (future.loop !== this) {
            throw IllegalArgumentException("The future belongs to a different loop than the one specified as the loop argument")
        }
        // Whatever the outcome, a StackOverflowError stored as the Task's exception included: the run ends and
        // result() below throws it (CPython lets SystemExit and KeyboardInterrupt escape the loop the same way).
        val stopper = java.util.function.Consumer<Future<T>> { stop() }
        future.addDoneCallback(stopper)
        try {
            runForever()
        } finally {
            future.removeDoneCallback(stopper)
        }
        if (!future.isDone) {
            throw IllegalStateException("Event loop stopped before Future completed.")
        }
        return future.result()
    }

    override fun <T> runUntilComplete(coro: Coroutine<T>): T {
        checkClosed()
        checkNotRunning()
        return runUntilComplete(createTask(coro))
    }

    override fun stop() {
        checkThread("stop")
        stopping = true
    }

    override fun isRunning(): Boolean = running

    override fun isClosed(): Boolean = closed

    override fun close() {
        if (running) throw IllegalStateException("Cannot close a running event loop: stop it first (loop.stop()) and close it after runForever() returned")
        if (closed) return
        closed = true
        remains.markClosed()
        unretrieved.reportAll()
        // Abandoning runs bodies here: a paused continuation body's frames may not be read meanwhile (TaskStacks).
        synchronized(bodyFramesLock) {
            for (task in tasks.toList()) {
                // CPython reports this when the pending Task is garbage-collected; closing the loop is our moment.
                callExceptionHandler(ExceptionContext(LoopRemains.DESTROYED, null, task, null))
                if (task.abandonOnClose()) callExceptionHandler(ExceptionContext(LoopRemains.IGNORED, null, task, null))
            }
        }
        remains.takeAll()
        cleanable.clean()
        ready.clear()
        timers.clear()
        inbox.drain { }
        executors.shutdownOnClose()
        outsideWork.loopClosed()
        Signals.removeAll(this)
        ioState?.close()
        ioState = null
    }

    override fun time(): Double = clock.now()

    // ------------------------------------------------------------------ scheduling

    override fun callSoon(cb: Runnable): Handle {
        checkClosed()
        checkThread("callSoon")
        val h = HandleImpl(requireCallback(cb))
        h.context = LoopContexts.capture(this)
        enqueue(h)
        return h
    }

    override fun callSoon(cb: Runnable, context: Context): Handle {
        checkClosed()
        checkThread("callSoon")
        val h = HandleImpl(requireCallback(cb))
        h.context = java.util.Objects.requireNonNull(context, "context")
        enqueue(h)
        return h
    }

    /** Internal scheduling for the loop's own objects (done callbacks, task steps): no Handle, same FIFO. */
    override fun enqueue(r: Runnable) {
        drainInbox()
        ready.addLast(r)
    }

    override fun callSoonThreadsafe(cb: Runnable): Handle {
        checkClosed()
        val h = HandleImpl(requireCallback(cb))
        h.context = LoopContexts.capture(this)
        inbox.push(h)
        wakeUp()
        return h
    }

    /** Schedules [r] from whichever thread calls: directly when it is the owner, through the inbox otherwise. */
    fun enqueueFromAnyThread(r: Runnable) {
        if (Thread.currentThread() === owner) {
            enqueue(r)
        } else {
            inbox.push(r as? HandleImpl ?: HandleImpl(r))
            wakeUp()
        }
    }

    override fun callLater(delaySeconds: Double, cb: Runnable): TimerHandle {
        if (delaySeconds.isNaN()) throw IllegalArgumentException("callLater delay is NaN: pass a number of seconds")
        return callAt(time() + delaySeconds, cb)
    }

    override fun callLater(delay: Duration, cb: Runnable): TimerHandle =
        callLater(delay.seconds + delay.nano / 1e9, cb)

    override fun callAt(`when`: Double, cb: Runnable): TimerHandle {
        if (`when`.isNaN()) throw IllegalArgumentException("callAt time is NaN: pass a time from loop.time()")
        checkClosed()
        checkThread("callAt")
        val t = TimerHandleImpl(this, requireCallback(cb), `when`, timerSeq++)
        t.context = LoopContexts.capture(this)
        timers.add(t)
        return t
    }

    /** Called when a timer handle is cancelled, to decide when to rebuild the heap. */
    fun timerCancelled() {
        cancelledTimersHint++
    }

    override fun <T> createFuture(): Future<T> {
        checkThread("createFuture")
        return FutureBase(this)
    }

    override fun <T> createTask(coro: Coroutine<T>): Task<T> = createTask(coro, null)

    override fun <T> createTask(coro: Coroutine<T>, name: String?): Task<T> {
        java.util.Objects.requireNonNull(coro, "coro")
        val factory = taskFactory ?: return TaskImpl.forJava(this, coro, name, null, false)
        return TaskFactories.create(factory, this, coro, name, null)
    }

    override fun <T> createTask(coro: Coroutine<T>, name: String?, context: Context): Task<T> {
        java.util.Objects.requireNonNull(coro, "coro")
        java.util.Objects.requireNonNull(context, "context")
        val factory = taskFactory ?: return TaskImpl.forJava(this, coro, name, context, false)
        return TaskFactories.create(factory, this, coro, name, context)
    }

    override fun setTaskFactory(factory: dev.asyncio4j.TaskFactory?) {
        checkThread("setTaskFactory")
        taskFactory = factory
    }

    override fun getTaskFactory(): dev.asyncio4j.TaskFactory? = taskFactory

    override fun currentContext(): Context? = runContext

    override fun setCurrentContext(context: Context) {
        runContext = context
    }

    // ------------------------------------------------------------------ kotlinx dispatcher

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = true

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        if (closed) {
            context[Job]?.cancel(KCancellationException("the event loop is closed"))
            Dispatchers.IO.dispatch(context, block)
            return
        }
        enqueueFromAnyThread(block)
    }

    override fun scheduleResumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) {
        val resume = Runnable { with(continuation) { resumeUndispatched(Unit) } }
        val handle = scheduleFromAnyThread(timeMillis, resume)
        continuation.invokeOnCancellation { handle.dispose() }
    }

    override fun invokeOnTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle =
        scheduleFromAnyThread(timeMillis, block)

    private fun scheduleFromAnyThread(timeMillis: Long, block: Runnable): DisposableHandle {
        val delay = timeMillis.coerceAtLeast(0) / 1000.0
        if (Thread.currentThread() === owner || !running) {
            val t = callLater(delay, block)
            return DisposableHandle { cancelTimer(t) }
        }
        val deadline = time() + delay
        val box = arrayOfNulls<TimerHandle>(1)
        val cancelled = java.util.concurrent.atomic.AtomicBoolean()
        callSoonThreadsafe { if (!cancelled.get()) box[0] = callAt(deadline, block) }
        return DisposableHandle {
            cancelled.set(true)
            enqueueFromAnyThread { box[0]?.let(::cancelTimer) }
        }
    }

    private fun cancelTimer(t: TimerHandle) = t.cancel()

    // ------------------------------------------------------------------ I/O

    override fun <P : dev.asyncio4j.Protocol> createConnection(
        factory: java.util.function.Supplier<P>, host: String, port: Int, options: dev.asyncio4j.StreamOptions,
    ): Future<dev.asyncio4j.Endpoint<P>> {
        checkClosed()
        checkThread("createConnection")
        return dev.asyncio4j.kotlin.internal.io.Connector.connect(this, factory, host, port, options)
    }

    override fun createServer(
        factory: java.util.function.Supplier<out dev.asyncio4j.Protocol>, host: String?, port: Int,
        options: dev.asyncio4j.StreamOptions,
    ): Future<dev.asyncio4j.Server> {
        checkClosed()
        checkThread("createServer")
        return dev.asyncio4j.kotlin.internal.io.SocketServer.start(this, factory, host, port, options)
    }

    // ------------------------------------------------------------------ executors, signals

    override fun <T> runInExecutor(executor: Executor?, fn: Callable<T>): Future<T> {
        checkClosed()
        checkThread("runInExecutor")
        return executors.runInExecutor(executor, fn)
    }

    override fun setDefaultExecutor(executor: ExecutorService) {
        executors.setDefault(executor)
    }

    override fun shutdownDefaultExecutor(): Future<Void> = executors.shutdownDefault()

    override fun addSignalHandler(signal: String, cb: Runnable) {
        checkClosed()
        checkThread("addSignalHandler")
        Signals.add(this, signal, cb)
    }

    override fun removeSignalHandler(signal: String): Boolean {
        checkThread("removeSignalHandler")
        return Signals.remove(this, signal)
    }

    // ------------------------------------------------------------------ errors and debug

    override fun setExceptionHandler(handler: ExceptionHandler?) {
        exceptionHandler = handler
        remains.handler = handler
    }

    override fun getExceptionHandler(): ExceptionHandler? = exceptionHandler

    override fun callExceptionHandler(context: ExceptionContext) {
        val handler = exceptionHandler
        if (handler == null) {
            try {
                defaultExceptionHandler(context)
            } catch (t: Throwable) {
                if (t is VirtualMachineError) throw t
                LOGGER.log(System.Logger.Level.ERROR, "Exception in default exception handler", t)
            }
            return
        }
        try {
            handler.handle(this, context)
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            try {
                defaultExceptionHandler(ExceptionContext("Unhandled error in exception handler", t, null, null))
            } catch (t2: Throwable) {
                LOGGER.log(System.Logger.Level.ERROR, "Exception in default exception handler while handling an unexpected error in custom exception handler", t2)
            }
        }
    }

    override fun defaultExceptionHandler(context: ExceptionContext) {
        val text = StringBuilder(context.message())
        context.future()?.let { text.append("\nfuture: ").append(it) }
        context.handle()?.let { text.append("\nhandle: ").append(it) }
        LOGGER.log(System.Logger.Level.ERROR, text.toString(), context.exception())
    }

    override fun setDebug(enabled: Boolean) {
        debug = enabled
        remains.debug = enabled
    }

    override fun isDebug(): Boolean = debug

    // ------------------------------------------------------------------ checks

    fun checkClosed() {
        if (closed) throw IllegalStateException("Event loop is closed: create a new one with Asyncio.newEventLoop() or use Asyncio.run(...)")
    }

    private fun checkNotRunning() {
        if (running) throw IllegalStateException("This event loop is already running: schedule work on it with createTask(...) or callSoon(...) instead")
        if (RunningLoop.get() != null) {
            throw IllegalStateException("Cannot run the event loop while another loop is running in this thread: await the work instead, or run the other loop in its own thread")
        }
    }

    /**
     * Python's `_check_thread`, always on: while the loop runs only its owner thread may mutate it (or its Futures).
     * The one rule and message for the whole SDK ([LoopInternals.checkThread]).
     */
    override fun checkThread(method: String) {
        if (!running) return
        val me = Thread.currentThread()
        val o = owner
        if (o === me) return
        val where = if (o == null) "is running in another thread" else "runs in thread '${o.name}'"
        throw IllegalStateException(
            "$method() called from thread '${me.name}', but the event loop $where: " +
                "from another thread use loop.callSoonThreadsafe(...), Asyncio.runCoroutineThreadsafe(...) " +
                "or future.toCompletableFuture()"
        )
    }

    override fun isOwnerThread(): Boolean = Thread.currentThread() === owner

    override fun unretrievedErrors(): UnretrievedErrors = unretrieved

    override fun pauseOutsideWork(): Runnable? = outsideWork.pauseCallingJob { enqueueFromAnyThread {} }

    private fun requireCallback(cb: Runnable?): Runnable =
        cb ?: throw NullPointerException("callback is null: pass a Runnable")

    override fun toString(): String =
        "<EventLoop running=$running closed=$closed debug=$debug>"

    companion object {
        private val LOOP_IDS = AtomicLong()
        private const val MIN_CANCELLED_TIMERS_TO_PURGE = 100
        private const val SLOW_CALLBACK_NANOS = 100_000_000L

        @JvmField
        val LOGGER: System.Logger = System.getLogger("dev.asyncio4j")

        /**
         * Whether the turn is passed like a baton (see the class comment): on JDK 21+, where bodies are virtual
         * threads, unless `-Dasyncio4j.handOff=loop` (every Java step then hands the turn back to the loop's thread).
         */
        @JvmField
        val HAND_OFF: Boolean = VirtualThreads.available() && System.getProperty("asyncio4j.handOff", "baton") != "loop"

        private const val NEXT_CALLBACK = 0
        private const val OWN_STEP = 1
        private const val TURN_PASSED = 2

        /**
         * On JDK 21+ the loop's work rides a virtual thread (its hand-offs with virtual body threads are then cheap)
         * unless `-Dasyncio4j.loopCarrier=platform` — or unless Java bodies run as continuations
         * ([JavaBody.ON_CONTINUATIONS]): there is no hand-off then, and the loop and its bodies run on the thread that
         * called runForever, as CPython's coroutines run on the thread that runs their loop.
         */
        @JvmField
        val USE_VIRTUAL_CARRIER: Boolean = VirtualThreads.available() && !JavaBody.ON_CONTINUATIONS &&
            System.getProperty("asyncio4j.loopCarrier", "virtual") != "platform"
    }
}
