package dev.asyncio4j.spi;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.Set;

/**
 * The runtime behind {@link dev.asyncio4j.Asyncio}, found with {@link java.util.ServiceLoader}.
 * {@code asyncio4j-kotlin-bridge} provides the one implementation. Not for users: the names here may change
 * between releases.
 */
public interface AsyncioRuntime {
    /**
     * A new, not running, not closed loop.
     *
     * @return the loop
     */
    EventLoop newEventLoop();

    /**
     * The loop running on the calling thread: the loop's own thread or one of its coroutine bodies.
     *
     * @return the loop, or {@code null}
     */
    EventLoop runningLoop();

    /**
     * First half of {@code Asyncio.await}: hands the Future to the calling coroutine body's Task. The caller then
     * drops its own reference to the Future and calls {@link #finishAwait}, so that no frame of a parked body keeps
     * the Future (hence its loop) reachable.
     *
     * @param future the Future
     * @return {@code null} when the Future is done (the caller reads its result), else the suspension to finish
     * @throws IllegalStateException when the caller is not a coroutine body
     */
    Object beginAwait(Future<?> future);

    /**
     * Second half of {@code Asyncio.await}: suspends the calling coroutine body until the Future given to
     * {@link #beginAwait} is done.
     *
     * @param suspension what {@link #beginAwait} returned
     * @param <T> the Future's result type
     * @return its result, by the rethrow rule
     */
    <T> T finishAwait(Object suspension);

    /**
     * The Task whose step is running on the loop.
     *
     * @param loop the loop
     * @return the Task, or {@code null}
     */
    Task<?> currentTask(EventLoop loop);

    /**
     * The loop's Tasks that are not done.
     *
     * @param loop the loop
     * @return a snapshot
     */
    Set<Task<?>> allTasks(EventLoop loop);

    /**
     * Python's {@code asyncio.sleep} on the running loop.
     *
     * @param loop the running loop
     * @param seconds the delay, never NaN ({@code Asyncio.sleep} refuses it); zero or less yields for exactly one
     *                loop iteration
     * @param result the Future's result
     * @param <T> the result type
     * @return the Future
     */
    <T> Future<T> sleep(EventLoop loop, double seconds, T result);

    /**
     * Python's {@code asyncio.run}: a new loop, {@code main(loop)} run to completion, leftover Tasks cancelled and
     * drained, the default executor shut down, the loop closed.
     *
     * @param main creates the main Future (usually a Task) on the new loop
     * @param debug debug mode for the loop
     * @param <T> the result type
     * @return the main result, by the rethrow rule
     */
    <T> T run(java.util.function.Function<EventLoop, ? extends Future<T>> main, boolean debug);

    /**
     * Starts a child process for {@link dev.asyncio4j.Asyncio#createSubprocessExec}: off the loop, then connected
     * on it (its pipes pumped off the loop into {@code protocol}). Called on the loop.
     *
     * @param loop the running loop
     * @param argv the program and its arguments, checked
     * @param options the options, checked
     * @param protocol the process's protocol
     * @return a Future of the connected transport; it fails with {@link java.io.UncheckedIOException} when the
     *         process cannot start. Cancelling it before it is done kills the process once started.
     */
    default dev.asyncio4j.Future<dev.asyncio4j.internal.SubprocessTransport> startSubprocess(EventLoop loop,
            java.util.List<String> argv, dev.asyncio4j.SubprocessOptions options,
            dev.asyncio4j.internal.SubprocessStreamProtocol protocol) {
        throw new UnsupportedOperationException("this asyncio4j runtime cannot start subprocesses");
    }

    /**
     * A {@link dev.asyncio4j.LoopGroup} of {@code loops} running loops ({@code loops} already checked to be at
     * least 1).
     *
     * @param loops how many loops
     * @return the group
     */
    default dev.asyncio4j.LoopGroup newLoopGroup(int loops) {
        throw new UnsupportedOperationException("this runtime has no LoopGroup: use asyncio4j-kotlin-bridge");
    }

    /**
     * The eager task factory behind {@code Asyncio.eagerTaskFactory()}: its Tasks take their first step inside
     * {@code createTask}.
     *
     * @return the factory
     * @throws UnsupportedOperationException from a runtime without eager Tasks (the default)
     */
    default dev.asyncio4j.TaskFactory eagerTaskFactory() {
        throw new UnsupportedOperationException("this asyncio4j runtime has no eager task factory");
    }

    /**
     * {@link #run(java.util.function.Function, boolean)} on a loop that {@code loopFactory} makes instead of a new
     * default loop (Python 3.12's {@code loop_factory}); the loop is not made the thread's current loop.
     *
     * @param main creates the main Future (usually a Task) on the loop
     * @param debug debug mode for the loop
     * @param loopFactory makes a new, not running, not closed loop of this runtime
     * @param <T> the result type
     * @return the main result, by the rethrow rule
     */
    <T> T run(java.util.function.Function<EventLoop, ? extends Future<T>> main, boolean debug,
              java.util.function.Supplier<? extends EventLoop> loopFactory);

    /**
     * Makes the threads that run {@link dev.asyncio4j.Generator} bodies when they do not run as continuations. Called
     * on the thread that first resumes the generator, so that the runtime can pick the kind of thread that thread
     * hands off to best.
     * The default makes daemon platform threads.
     *
     * @return a factory of unstarted threads
     */
    default java.util.concurrent.ThreadFactory generatorThreadFactory() {
        return body -> {
            Thread t = new Thread(body, "asyncio4j-generator");
            t.setDaemon(true);
            return t;
        };
    }
}
