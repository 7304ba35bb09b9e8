package dev.asyncio4j;

/**
 * Python's {@code asyncio.TaskGroup}, used through {@link Asyncio#taskGroup(TaskGroup.Body)}: the body creates
 * child Tasks, the call returns when all of them finished. The first child failure cancels the other children and
 * the body; the call then throws an {@link ExceptionGroup} holding every failure.
 *
 * <p>Not thread-safe: use it from its loop (the body and the children).
 */
public interface TaskGroup {
    /**
     * Creates a child Task.
     *
     * @param coro the child's body
     * @param <T> its result type
     * @return the Task
     * @throws IllegalStateException if the group has finished or is shutting down
     */
    <T> Task<T> createTask(Coroutine<T> coro);

    /**
     * Creates a named child Task.
     *
     * @param coro the child's body
     * @param name the Task's name
     * @param <T> its result type
     * @return the Task
     * @throws IllegalStateException if the group has finished or is shutting down
     */
    <T> Task<T> createTask(Coroutine<T> coro, String name);

    /**
     * The body of {@code async with TaskGroup() as tg:}.
     *
     * @param <T> what the body returns
     */
    @FunctionalInterface
    interface Body<T> {
        /**
         * Runs inside the current Task with the group open.
         *
         * @param tg the group
         * @return the value {@link Asyncio#taskGroup} returns once every child finished
         * @throws Exception a failure, which cancels the children
         */
        T run(TaskGroup tg) throws Exception;
    }
}
