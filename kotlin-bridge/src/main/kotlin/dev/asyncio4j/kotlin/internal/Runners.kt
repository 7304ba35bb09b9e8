package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Future
import dev.asyncio4j.Task

/**
 * Python's `asyncio.run` (CPython 3.11's `Runner`), shared by `Asyncio.run` and the Kotlin `asyncioRun`: a new
 * loop, the main Future run to completion with Ctrl+C cancelling it ([RunInterrupt]), leftover Tasks cancelled and
 * drained, the default executor shut down, the loop closed.
 */
internal object Runners {
    fun <T> run(main: (EventLoop) -> Future<T>, debug: Boolean): T = run(main, debug, null)

    /**
     * [run] on the loop [newLoop] makes (`loop_factory`; see [factoryLoop]), which, as in CPython, is not made the
     * thread's current loop; null: a new default loop, made current while it runs.
     */
    fun <T> run(main: (EventLoop) -> Future<T>, debug: Boolean, newLoop: (() -> EventLoopImpl)?): T {
        if (RunningLoop.get() != null) {
            throw IllegalStateException(
                "Asyncio.run() cannot be called from a running event loop: inside a coroutine, await the work " +
                    "directly or use Asyncio.createTask(...)"
            )
        }
        val loop = newLoop?.invoke() ?: EventLoopImpl()
        val setCurrent = newLoop == null
        val previous = if (!setCurrent) null else try {
            Asyncio.getEventLoop()
        } catch (none: IllegalStateException) {
            null
        }
        if (setCurrent) Asyncio.setEventLoop(loop)
        var interrupt: RunInterrupt? = null
        try {
            loop.setDebug(debug)
            val task = main(loop)
            interrupt = RunInterrupt.listen(loop, task)
            try {
                return loop.runUntilComplete(task)
            } catch (e: Throwable) {
                throw interrupt?.keyboardInterruptFor(e) ?: e
            } finally {
                interrupt?.mainFinished()
            }
        } finally {
            try {
                cancelAllTasks(loop)
                loop.runUntilComplete(loop.shutdownDefaultExecutor())
            } finally {
                if (setCurrent) Asyncio.setEventLoop(previous)
                try {
                    loop.close()
                } finally {
                    interrupt?.runFinished()
                }
            }
        }
    }

    /** Checks the loop a `loop_factory` made: one of this runtime's, new (neither running nor closed). */
    fun factoryLoop(factory: () -> EventLoop?): () -> EventLoopImpl = {
        val made = factory() ?: throw NullPointerException("the loop factory returned null: it must return a new loop")
        val loop = made.impl()
        check(!loop.isClosed) { "the loop factory returned a closed loop: it must return a new loop each time" }
        check(!loop.isRunning) { "the loop factory returned a running loop: it must return a new loop each time" }
        loop
    }

    /** CPython's `_cancel_all_tasks`: cancel every leftover Task, let each finish, report their failures. */
    fun cancelAllTasks(loop: EventLoopImpl, caller: String = "Asyncio.run()") {
        val toCancel: List<Task<*>> = loop.tasks.toList()
        if (toCancel.isEmpty()) return
        for (task in toCancel) task.cancel()
        loop.runUntilComplete(Asyncio.gatherReturnExceptions(toCancel))
        for (task in toCancel) {
            if (task.isCancelled) continue
            val error = task.exception() ?: continue
            loop.callExceptionHandler(
                ExceptionContext("unhandled exception during $caller shutdown", error, task, null)
            )
        }
    }
}
