package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Context
import dev.asyncio4j.Coroutine
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Task
import dev.asyncio4j.TaskFactory

/** How `createTask` goes through a loop's task factory (Python's `loop.create_task` with `_task_factory` set). */
internal object TaskFactories {
    fun <T> create(factory: TaskFactory, loop: EventLoopImpl, coro: Coroutine<T>, name: String?, context: Context?): Task<T> {
        val task: Task<T>? =
            if (context == null) factory.create(loop, coro, name) else factory.create(loop, coro, name, context)
        return task ?: throw IllegalStateException(
            "task factory $factory returned null from create(...): a TaskFactory must return the Task it made"
        )
    }
}

/**
 * Python 3.12's `asyncio.eager_task_factory` (`Asyncio.eagerTaskFactory()`): Tasks whose first step runs inside
 * `createTask` ([TaskImpl.forJava] with `eager`). Kotlin Tasks of a loop with this factory start eagerly too.
 */
internal object EagerTaskFactory : TaskFactory {
    override fun <T> create(loop: EventLoop, coro: Coroutine<T>, name: String?): Task<T> {
        java.util.Objects.requireNonNull(coro, "coro")
        return TaskImpl.forJava(loop.impl(), coro, name, null, true)
    }

    override fun <T> create(loop: EventLoop, coro: Coroutine<T>, name: String?, context: Context): Task<T> {
        java.util.Objects.requireNonNull(coro, "coro")
        java.util.Objects.requireNonNull(context, "context")
        return TaskImpl.forJava(loop.impl(), coro, name, context, true)
    }

    override fun toString(): String = "eager_task_factory"
}
