package dev.asyncio4j;

/**
 * What {@link EventLoop#createTask} builds its Tasks with once set by {@link EventLoop#setTaskFactory} (Python's
 * task factory, 3.12's {@code loop.set_task_factory}). {@link Asyncio#eagerTaskFactory()} is the one the SDK
 * ships; a factory of your own usually decorates it or the default (name Tasks, count them, ...).
 *
 * <p><b>Threading.</b> Called on the loop's thread, like {@code createTask}.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Builds and schedules a Task of {@code loop} for {@code coro}.
     *
     * @param loop the loop whose {@code createTask} was called
     * @param coro the body
     * @param name the name asked for, or {@code null} for {@code Task-N}
     * @param <T> the result type
     * @return the Task
     */
    <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name);

    /**
     * Builds and schedules a Task that runs in {@code context} itself ({@link EventLoop#createTask(Coroutine,
     * String, Context)}). The default calls {@link #create(EventLoop, Coroutine, String)} inside
     * {@code context.run(...)}, so the Task runs in a copy of {@code context}: a factory that can honour the context
     * exactly overrides this.
     *
     * @param loop the loop whose {@code createTask} was called
     * @param coro the body
     * @param name the name asked for, or {@code null}
     * @param context the context the Task should run in
     * @param <T> the result type
     * @return the Task
     */
    default <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name, Context context) {
        return context.run(() -> create(loop, coro, name));
    }
}
