@file:JvmName("KotlinTasks")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.kotlin.internal.TaskElement
import dev.asyncio4j.kotlin.internal.TaskImpl
import dev.asyncio4j.kotlin.internal.impl
import dev.asyncio4j.kotlin.internal.inSeconds
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlin.coroutines.coroutineContext
import kotlin.time.Duration

/**
 * Schedules a `suspend` block as a [Task] of this loop, Python's `loop.create_task(coro())`. The Task's first step
 * runs on a later loop iteration; it is a real Task (name, `currentTask()`, `allTasks()`, cancellation) that Java
 * and Kotlin code can await alike. The block's [CoroutineScope] runs on the loop; coroutines it launches are
 * children of the Task's Job. Call on the loop's thread.
 */
fun <T> EventLoop.launchTask(name: String? = null, block: suspend CoroutineScope.() -> T): Task<T> =
    TaskImpl.forKotlin(impl(), name, block)

/** [launchTask] on the running loop: Python's `asyncio.create_task(coro())`. */
fun <T> createTask(name: String? = null, block: suspend CoroutineScope.() -> T): Task<T> =
    Asyncio.getRunningLoop().launchTask(name, block)

/** Python's `await asyncio.sleep(seconds)`; `sleep(0.0)` yields to the loop for exactly one iteration. */
suspend fun sleep(seconds: Double) {
    if (seconds <= 0.0) {
        // CPython's bare `yield`: inside a Task, reschedule its next step directly, with no Future in between.
        val task = coroutineContext[TaskElement]?.task
        if (task != null && task.isSteppingNow(coroutineContext)) return task.yieldOnce()
    }
    Asyncio.sleep(seconds).await()
}

/** Python's `await asyncio.sleep(...)` for a Kotlin [Duration]. */
suspend fun sleep(duration: Duration) = sleep(duration.inSeconds())

/** Python's `await asyncio.sleep(seconds, result)`. */
suspend fun <T> sleep(seconds: Double, result: T): T = Asyncio.sleep(seconds, result).await()

/** The Task whose step runs now on the running loop, or null outside any Task. */
fun currentTask(): Task<*>? = Asyncio.currentTask()

/**
 * This loop as a kotlinx [CoroutineDispatcher]: coroutines launched with it run on the loop, and `delay()` uses the
 * loop's timers. Dispatching is thread-safe.
 */
val EventLoop.dispatcher: CoroutineDispatcher get() = impl()

/** Python's `asyncio.run(main())` for a `suspend` main, run as a Kotlin Task on a new loop. */
fun <T> asyncioRun(debug: Boolean = false, main: suspend CoroutineScope.() -> T): T =
    dev.asyncio4j.kotlin.internal.Runners.run({ loop -> TaskImpl.forKotlin(loop.impl(), "Task-main", main) }, debug)

/**
 * [asyncioRun] on the loop [loopFactory] makes (Python 3.12's `loop_factory`), for example a test loop in virtual
 * time: `asyncioRun(loopFactory = TestLoop::create) { ... }`. The loop must be new and of this SDK's runtime; it is
 * not made the thread's current loop.
 */
fun <T> asyncioRun(loopFactory: () -> EventLoop, debug: Boolean = false, main: suspend CoroutineScope.() -> T): T =
    dev.asyncio4j.kotlin.internal.Runners.run(
        { loop -> TaskImpl.forKotlin(loop.impl(), "Task-main", main) }, debug,
        dev.asyncio4j.kotlin.internal.Runners.factoryLoop(loopFactory),
    )
