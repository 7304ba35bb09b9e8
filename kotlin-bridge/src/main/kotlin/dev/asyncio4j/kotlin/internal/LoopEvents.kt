package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.internal.IntrospectionIds
import jdk.jfr.Category
import jdk.jfr.Description
import jdk.jfr.Enabled
import jdk.jfr.Event
import jdk.jfr.FlightRecorder
import jdk.jfr.FlightRecorderListener
import jdk.jfr.Label
import jdk.jfr.Name
import jdk.jfr.Recording
import jdk.jfr.RecordingState
import jdk.jfr.StackTrace
import jdk.jfr.Threshold

/**
 * The loops' JDK Flight Recorder events, so that `jfr print --events dev.asyncio4j.SlowStep rec.jfr` shows where a
 * loop stalled: a callback or a Task's step that held the loop longer than the threshold (100 ms by default, as
 * CPython's `slow_callback_duration`), and, disabled by default, every Task created and finished.
 *
 * Costs nothing while no recording runs: the loop reads one volatile flag ([recording]) per iteration and per Task
 * step, set by a [FlightRecorderListener] when recordings start and stop; only while one runs does it time its
 * callbacks. Where the JDK has no `jdk.jfr` module the flag stays false.
 */
internal object LoopEvents {
    /** A recording is running (events of ours may be enabled in it). Read by the loops on their hot paths. */
    @Volatile
    @JvmField
    var recording = false

    init {
        try {
            FlightRecorder.addListener(object : FlightRecorderListener {
                override fun recorderInitialized(recorder: FlightRecorder) = refresh()
                override fun recordingStateChanged(recording: Recording) = refresh()
            })
            refresh()
        } catch (e: LinkageError) {
            // no jdk.jfr in this runtime image: no events, and nothing to pay
        } catch (e: SecurityException) {
            // not allowed to watch the recorder: no events
        }
    }

    private fun refresh() {
        recording = FlightRecorder.isInitialized() &&
            FlightRecorder.getFlightRecorder().recordings.any { it.state == RecordingState.RUNNING }
    }

    /** Starts timing a callback (only while [recording]). */
    fun beginCallback(): SlowCallbackEvent {
        val e = SlowCallbackEvent()
        e.begin()
        return e
    }

    fun endCallback(e: SlowCallbackEvent, loop: EventLoopImpl, callback: Runnable) {
        e.end()
        if (e.shouldCommit()) {
            e.loopId = loop.id
            e.callback = describe(callback)
            e.commit()
        }
    }

    /** Starts timing a Task's step (only while [recording]). */
    fun beginStep(): SlowStepEvent {
        val e = SlowStepEvent()
        e.begin()
        return e
    }

    fun endStep(e: SlowStepEvent, task: TaskImpl<*>) {
        e.end()
        if (e.shouldCommit()) {
            e.describeTask(task)
            e.body = if (task.isJava) "java" else "kotlin"
            e.commit()
        }
    }

    fun taskCreated(task: TaskImpl<*>) {
        val e = TaskCreatedEvent()
        if (e.isEnabled) {
            e.describeTask(task)
            e.commit()
        }
    }

    fun taskFinished(task: TaskImpl<*>) {
        val e = TaskFinishedEvent()
        if (e.isEnabled) {
            e.describeTask(task)
            e.outcome = when {
                task.isCancelled -> "cancelled"
                task.peekException() != null -> "exception: " + task.peekException()
                else -> "result"
            }
            e.commit()
        }
    }

    private fun describe(r: Runnable): String = when (r) {
        is TaskImpl<*>.Step -> r.task.toString()
        else -> r.toString()
    }
}

/** What every event of a loop carries. JFR records the non-private fields of abstract superclasses too. */
internal abstract class LoopEvent : Event() {
    @Label("Loop Id")
    @JvmField
    var loopId: Long = 0
}

/** What every event about one Task carries: its loop, name and id (the ids of task dumps and call graphs). */
internal abstract class TaskEvent : LoopEvent() {
    @Label("Task Name")
    @JvmField
    var taskName: String? = null

    @Label("Task Id")
    @JvmField
    var taskId: Long = 0

    /** Fills in [task]'s loop, name and id. */
    fun describeTask(task: TaskImpl<*>) {
        loopId = task.loopImpl.id
        taskName = task.name
        taskId = IntrospectionIds.of(task)
    }
}

/** A loop callback that ran at least the threshold: the loop could do nothing else meanwhile. */
@Name("dev.asyncio4j.SlowCallback")
@Label("Slow Loop Callback")
@Category("asyncio4j")
@Description("A callback held its event loop for longer than the threshold (CPython's slow_callback_duration)")
@Threshold("100 ms")
@StackTrace(false)
internal class SlowCallbackEvent : LoopEvent() {
    @Label("Callback")
    @JvmField
    var callback: String? = null
}

/** One step of a Task (a Java body between two awaits, or a Kotlin coroutine resumed) that ran at least the threshold. */
@Name("dev.asyncio4j.SlowStep")
@Label("Slow Task Step")
@Category("asyncio4j")
@Description("A Task's step (its code between two awaits) held its event loop for longer than the threshold")
@Threshold("100 ms")
@StackTrace(false)
internal class SlowStepEvent : TaskEvent() {
    @Label("Body")
    @Description("java (a Coroutine body) or kotlin (a suspend block)")
    @JvmField
    var body: String? = null
}

/** A Task was created (disabled by default: one event per Task). */
@Name("dev.asyncio4j.TaskCreated")
@Label("Task Created")
@Category("asyncio4j")
@Enabled(false)
internal class TaskCreatedEvent : TaskEvent()

/** A Task finished (disabled by default: one event per Task). */
@Name("dev.asyncio4j.TaskFinished")
@Label("Task Finished")
@Category("asyncio4j")
@Enabled(false)
@StackTrace(false)
internal class TaskFinishedEvent : TaskEvent() {
    @Label("Outcome")
    @Description("result, exception: <the exception>, or cancelled")
    @JvmField
    var outcome: String? = null
}
