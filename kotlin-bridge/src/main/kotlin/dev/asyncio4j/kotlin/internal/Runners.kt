package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Asyncio
import dev.asyncio4j.EventLoop
import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Future
import dev.asyncio4j.Task

/** Python's `asyncio.runners.run`, shared by `Asyncio.run` and the Kotlin `asyncioRun`. */
internal object Runners {
    fun <T> run(main: (EventLoop) -> Future<T>, debug: Boolean): T {
        if (RunningLoop.get() != null) {
            throw IllegalStateException(
                "Asyncio.run() cannot be called from a running event loop: inside a coroutine, await the work " +
                    "directly or use Asyncio.createTask(...)"
            )
        }
        val loop = EventLoopImpl()
        val previous = try {
            Asyncio.getEventLoop()
        } catch (none: IllegalStateException) {
            null
        }
        Asyncio.setEventLoop(loop)
        try {
            loop.setDebug(debug)
            return loop.runUntilComplete(main(loop))
        } finally {
            try {
                cancelAllTasks(loop)
                loop.runUntilComplete(loop.shutdownDefaultExecutor())
            } finally {
                Asyncio.setEventLoop(previous)
                loop.close()
            }
        }
    }

    /** CPython's `_cancel_all_tasks`: cancel every leftover Task, let each finish, report their failures. */
    fun cancelAllTasks(loop: EventLoopImpl) {
        val toCancel: List<Task<*>> = loop.tasks.toList()
        if (toCancel.isEmpty()) return
        for (task in toCancel) task.cancel()
        val all = FutureImpl<Void?>(loop)
        var remaining = toCancel.size
        for (task in toCancel) {
            task.addDoneCallback { if (--remaining == 0 && !all.isDone) all.setResult(null) }
        }
        loop.runUntilComplete(all)
        for (task in toCancel) {
            if (task.isCancelled) continue
            val error = task.exception() ?: continue
            loop.callExceptionHandler(
                ExceptionContext("unhandled exception during Asyncio.run() shutdown", error, task, null)
            )
        }
    }
}
