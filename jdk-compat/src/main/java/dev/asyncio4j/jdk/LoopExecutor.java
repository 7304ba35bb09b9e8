package dev.asyncio4j.jdk;

import dev.asyncio4j.EventLoop;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link EventLoop} seen as a {@link java.util.concurrent.Executor}: {@link #execute} hands the task to
 * {@link EventLoop#callSoonThreadsafe}, so JDK code ({@code CompletableFuture.thenApplyAsync(fn, executor)}, kotlinx's
 * {@code executor.asCoroutineDispatcher()}, reactive libraries) can run callbacks on the loop.
 *
 * <p>Tasks run on the loop, one at a time, in the order they were submitted (FIFO with every other
 * {@code callSoon}); they may use the loop's non-thread-safe API directly, and must not block. A task that throws
 * goes to the loop's exception handler. Tasks submitted before the loop runs wait for it; once the loop is closed,
 * {@code execute} throws {@link RejectedExecutionException}. Thread-safe.
 */
public final class LoopExecutor implements Executor {
    private final EventLoop loop;

    private LoopExecutor(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * The executor view of a loop.
     *
     * @param loop the loop
     * @return an executor running tasks on {@code loop}
     */
    public static LoopExecutor of(EventLoop loop) {
        return new LoopExecutor(Objects.requireNonNull(loop, "loop"));
    }

    /**
     * The loop tasks run on.
     *
     * @return the loop
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Schedules {@code task} on the loop. Thread-safe.
     *
     * @param task what to run
     * @throws RejectedExecutionException when the loop is closed
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (loop.isClosed()) {
            throw new RejectedExecutionException("the event loop is closed: " + loop);
        }
        try {
            loop.callSoonThreadsafe(task);
        } catch (IllegalStateException closed) {
            throw new RejectedExecutionException("the event loop is closed: " + loop, closed);
        }
    }

    @Override
    public String toString() {
        return "LoopExecutor[" + loop + "]";
    }
}
