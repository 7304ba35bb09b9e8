package dev.asyncio4j;

import dev.asyncio4j.spi.AsyncioRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The {@code asyncio} module for Java: static entry points that act on the running loop.
 *
 * <pre>{@code
 * String greeting = Asyncio.run(() -> {
 *     Task<String> t = Asyncio.createTask(() -> { Asyncio.await(Asyncio.sleep(0.1)); return "hello"; });
 *     return Asyncio.await(t) + " world";
 * });
 * }</pre>
 *
 * <p>Most methods need a running loop: call them from a coroutine body or a loop callback, or they throw
 * {@link IllegalStateException} ({@code "no running event loop"}). {@link #await(Future)} works only inside a
 * coroutine body.
 */
public final class Asyncio {
    private static final ThreadLocal<EventLoop> THREAD_LOOP = new ThreadLocal<>();

    private Asyncio() {
    }

    static AsyncioRuntime runtime() {
        return RuntimeHolder.RUNTIME;
    }

    // ---------------------------------------------------------------- runners

    /**
     * Python's {@code asyncio.run}: creates a loop, runs {@code main} as a Task until it is done, cancels and drains
     * the Tasks left over, shuts the default executor down (waiting for its work), closes the loop.
     *
     * <p><b>Ctrl+C</b> behaves as in Python 3.11+: while the main Task runs, the first SIGINT cancels it (its
     * {@code finally} blocks run, it may await while cleaning up); once it has finished cancelled and the leftover
     * Tasks were cancelled and drained, {@code run} throws {@link KeyboardInterrupt}, which — if nothing catches it —
     * ends the JVM with status 130 like any Ctrl+C. A second SIGINT while the main Task is still winding down exits
     * at once (the JVM's usual Ctrl+C), and so does a SIGINT once the main Task is done (while the leftovers are
     * cleaned up), as in CPython. A main Task that catches the cancellation and returns normally makes
     * {@code run} return normally. Only the first {@code run} active in the JVM handles Ctrl+C, and only when SIGINT
     * has the JVM's default handler (an application's own SIGINT handler is left alone). Where the JDK's signal API
     * is unavailable (no {@code jdk.unsupported} module, {@code -Xrs}), a shutdown hook cancels the main Task when
     * the JVM begins to exit and waits up to {@code -Dasyncio4j.shutdownGraceSeconds} (default 10) for the cleanup.
     *
     * @param main the main coroutine
     * @param <T> its result type
     * @return its result, by the {@linkplain dev.asyncio4j rethrow rule} (a checked exception of the body
     *         arrives wrapped in a {@link CompletionException})
     * @throws IllegalStateException when called from a running loop
     * @throws KeyboardInterrupt when Ctrl+C cancelled the main Task
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, false);
    }

    /**
     * {@link #run(Coroutine)} with debug mode set on the new loop.
     *
     * @param main the main coroutine
     * @param debug whether the loop runs in debug mode
     * @param <T> its result type
     * @return its result, by the {@linkplain dev.asyncio4j rethrow rule}
     */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        Objects.requireNonNull(main, "main");
        return runtime().run(loop -> loop.createTask(main), debug);
    }

    /**
     * {@link #run(Coroutine)} on a loop that {@code loopFactory} makes (Python 3.12's {@code loop_factory}): for
     * example {@code Asyncio.run(main, TestLoop::create)} runs a whole program in virtual time. As in CPython, the
     * loop is not made the thread's current loop ({@link #setEventLoop(EventLoop)}); everything else is the same: the
     * main Task, Ctrl+C, the leftover Tasks cancelled and drained, the default executor shut down, the loop closed.
     *
     * @param main the main coroutine
     * @param loopFactory makes a new, not running, not closed loop of this SDK's runtime (such as
     *                    {@code Asyncio::newEventLoop} or {@code TestLoop::create})
     * @param <T> its result type
     * @return its result, by the {@linkplain dev.asyncio4j rethrow rule}
     * @throws NullPointerException when {@code main} or {@code loopFactory} is null, or the factory returns null
     * @throws IllegalArgumentException when the factory's loop is not one of this SDK's runtime
     * @throws IllegalStateException when called from a running loop, or the factory's loop is closed or running
     */
    public static <T> T run(Coroutine<T> main, Supplier<? extends EventLoop> loopFactory) {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(loopFactory, "loopFactory");
        return runtime().run(loop -> loop.createTask(main), false, loopFactory);
    }

    /**
     * Suspends the current coroutine body until {@code future} is done (Python's {@code await}).
     * Returns at once, without yielding to the loop, when the Future is already done.
     *
     * @param future the Future or Task to wait for, of the running loop
     * @param <T> its result type
     * @return its result; a stored exception is thrown by the {@linkplain dev.asyncio4j rethrow rule}
     * @throws CancelledError if it was cancelled, or if the current Task is cancelled while waiting
     * @throws IllegalStateException outside a coroutine body
     */
    public static <T> T await(Future<T> future) {
        AsyncioRuntime runtime = runtime();
        Object suspension = runtime.beginAwait(Objects.requireNonNull(future, "future"));
        if (suspension == null) {
            return future.result();
        }
        // A parked body's frames must not keep the Future, hence its loop, reachable: a loop dropped without close()
        // is then collected, and its bodies' threads end.
        future = null;
        return runtime.finishAwait(suspension);
    }

    // ---------------------------------------------------------------- loops

    /**
     * A new event loop, not running and not set for any thread.
     *
     * @return the loop
     */
    public static EventLoop newEventLoop() {
        return runtime().newEventLoop();
    }

    /**
     * The loop running on this thread (the loop's thread or one of its coroutine bodies).
     *
     * @return the loop
     * @throws IllegalStateException ({@code "no running event loop"}) when there is none
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = runtime().runningLoop();
        if (loop == null) {
            throw new IllegalStateException("no running event loop: call this from a coroutine body or a loop "
                    + "callback, or start one with Asyncio.run(...)");
        }
        return loop;
    }

    /**
     * The running loop, else the loop set for this thread with {@link #setEventLoop(EventLoop)}.
     *
     * @return the loop
     * @throws IllegalStateException when there is neither
     */
    public static EventLoop getEventLoop() {
        EventLoop loop = runtime().runningLoop();
        if (loop != null) {
            return loop;
        }
        loop = THREAD_LOOP.get();
        if (loop == null) {
            throw new IllegalStateException("there is no current event loop in thread '"
                    + Thread.currentThread().getName() + "': create one with Asyncio.newEventLoop() and "
                    + "Asyncio.setEventLoop(loop), or use Asyncio.run(...)");
        }
        return loop;
    }

    /**
     * Sets the loop {@link #getEventLoop()} returns on this thread when no loop runs.
     *
     * @param loop the loop, or {@code null} to clear
     */
    public static void setEventLoop(EventLoop loop) {
        if (loop == null) {
            THREAD_LOOP.remove();
        } else {
            THREAD_LOOP.set(loop);
        }
    }

    // ---------------------------------------------------------------- sleeping and tasks

    /**
     * A Future that is done after {@code seconds}; {@code sleep(0)} yields for exactly one loop iteration.
     *
     * @param seconds the delay; zero or negative yields once, {@code +Infinity} never ends
     * @return the Future, with result {@code null}
     * @throws IllegalArgumentException if {@code seconds} is NaN
     */
    public static Future<Void> sleep(double seconds) {
        return sleep(seconds, null);
    }

    /**
     * A Future that is done with {@code result} after {@code seconds}.
     *
     * @param seconds the delay
     * @param result the result
     * @param <T> the result type
     * @return the Future
     * @throws IllegalArgumentException if {@code seconds} is NaN
     */
    public static <T> Future<T> sleep(double seconds, T result) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("sleep delay is NaN: pass a number of seconds");
        }
        return runtime().sleep(getRunningLoop(), seconds, result);
    }

    /**
     * A Future that is done after {@code delay}.
     *
     * @param delay the delay
     * @return the Future
     */
    public static Future<Void> sleep(Duration delay) {
        return sleep(seconds(delay));
    }

    /**
     * Schedules a coroutine as a Task of the running loop (Python's {@code asyncio.create_task}).
     *
     * @param coro the body
     * @param <T> its result type
     * @return the Task
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /**
     * Schedules a named coroutine as a Task of the running loop.
     *
     * @param coro the body
     * @param name the name
     * @param <T> its result type
     * @return the Task
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * Python's {@code asyncio.create_task(coro, name=name, context=ctx)}: a Task of the running loop that runs in
     * {@code context} itself rather than in a copy of the current context.
     *
     * @param coro the body
     * @param name the name, or {@code null} for {@code Task-N}
     * @param context the context its steps run in
     * @param <T> the result type
     * @return the Task
     * @throws IllegalStateException with no running loop
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return getRunningLoop().createTask(coro, name, context);
    }

    /**
     * Python 3.12's {@code asyncio.eager_task_factory}, for {@link EventLoop#setTaskFactory}: a Task made while the
     * loop runs takes its first step inside {@code createTask} itself, and when the body returns (or throws) before
     * its first await, the Task is done before {@code createTask} returns, without ever being scheduled. A body
     * that awaits goes on as any Task. Work that often completes at once (a cache hit, a buffered read) then costs
     * no loop iteration. With the loop not running, Tasks start lazily as usual. Kotlin Tasks ({@code launchTask})
     * of a loop with this factory start eagerly too.
     *
     * <p>The difference is visible: the creator's code after {@code createTask} runs after the new Task's first
     * step, not before, and a done Task never appears in {@link #allTasks()}.
     *
     * @return the factory (one shared instance)
     */
    public static TaskFactory eagerTaskFactory() {
        return runtime().eagerTaskFactory();
    }

    /**
     * Python's {@code ensure_future} for a Future: returns it.
     *
     * @param f the Future
     * @param <T> its result type
     * @return {@code f}
     */
    public static <T> Future<T> ensureFuture(Future<T> f) {
        return Objects.requireNonNull(f, "f");
    }

    /**
     * Python's {@code ensure_future} for a coroutine: {@link #createTask(Coroutine)}.
     *
     * @param coro the body
     * @param <T> its result type
     * @return the Task
     */
    public static <T> Task<T> ensureFuture(Coroutine<T> coro) {
        return createTask(coro);
    }

    /**
     * The Task whose step is running.
     *
     * @return the Task, or {@code null} in a loop callback outside any Task
     * @throws IllegalStateException when no loop runs
     */
    public static Task<?> currentTask() {
        return runtime().currentTask(getRunningLoop());
    }

    /**
     * The running loop's Tasks that are not done.
     *
     * @return a snapshot
     */
    public static Set<Task<?>> allTasks() {
        return allTasks(getRunningLoop());
    }

    /**
     * A loop's Tasks that are not done.
     *
     * @param loop the loop
     * @return a snapshot
     */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        return runtime().allTasks(Objects.requireNonNull(loop, "loop"));
    }

    // ---------------------------------------------------------------- introspection (asyncio.graph)

    /**
     * Python 3.14's {@code asyncio.capture_call_graph(future)}: {@code future}, the frames of its Task, and the
     * Tasks awaiting it, recursively — directly or through {@code gather}, {@code shield}, {@code wait},
     * {@code waitFor} and task groups. Works with or without a running loop and from any thread (from another
     * thread while the loop runs, the graph is read on the loop; see {@link FutureCallGraph}).
     *
     * @param future a Future or Task of an asyncio4j loop
     * @return the graph
     */
    public static FutureCallGraph captureCallGraph(Future<?> future) {
        return dev.asyncio4j.internal.CallGraphs.capture(Objects.requireNonNull(future, "future"));
    }

    /**
     * Python's {@code asyncio.capture_call_graph()}: the graph of the current Task, its frames where it runs now.
     *
     * @return the graph, or {@code null} on a running loop outside any Task
     * @throws IllegalStateException with no running loop (CPython's RuntimeError)
     */
    public static FutureCallGraph captureCallGraph() {
        Task<?> current = currentTaskOrFail("captureCallGraph");
        return current == null ? null : captureCallGraph(current);
    }

    /**
     * Python's {@code asyncio.format_call_graph(future)}: the graph as CPython prints it.
     *
     * <pre>
     * * Task(name='fetch', id=0x2)
     *   + Call stack:
     *   |   File 'Crawler.java', line 41, in Crawler.fetch()
     *   + Awaited by:
     *       * Task(name='Task-1', id=0x1)
     *         + Call stack:
     *         |   File 'Crawler.java', line 18, in Crawler.main()
     * </pre>
     *
     * @param future a Future or Task
     * @return the text (lines separated by {@code \n}, no trailing newline)
     */
    public static String formatCallGraph(Future<?> future) {
        return dev.asyncio4j.internal.CallGraphs.format(captureCallGraph(future));
    }

    /**
     * Python's {@code asyncio.format_call_graph()} for the current Task.
     *
     * @return the text, or an empty string on a running loop outside any Task
     * @throws IllegalStateException with no running loop
     */
    public static String formatCallGraph() {
        FutureCallGraph graph = captureCallGraph();
        return graph == null ? "" : dev.asyncio4j.internal.CallGraphs.format(graph);
    }

    /**
     * Python's {@code asyncio.print_call_graph(future)}: {@link #formatCallGraph(Future)} on {@code System.out}.
     *
     * @param future a Future or Task
     */
    public static void printCallGraph(Future<?> future) {
        System.out.println(formatCallGraph(future));
    }

    /**
     * Python's {@code asyncio.print_call_graph()}: the current Task's graph on {@code System.out}.
     *
     * @throws IllegalStateException with no running loop
     */
    public static void printCallGraph() {
        System.out.println(formatCallGraph());
    }

    private static Task<?> currentTaskOrFail(String what) {
        EventLoop loop = runtime().runningLoop();
        if (loop == null) {
            throw new IllegalStateException(what + "() is called outside of a running event loop and no Future to "
                    + "introspect was given: pass the Future or Task (" + what + "(future))");
        }
        return runtime().currentTask(loop);
    }

    // ---------------------------------------------------------------- combinators (tasks.py, timeouts.py, taskgroups.py)

    /**
     * Python's {@code asyncio.gather}: a Future of all results in argument order; the first failure fails it.
     *
     * @param fs the Futures
     * @param <T> the common result type
     * @return the Future of the results
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array and only reads it
    public static <T> Future<List<T>> gather(Future<? extends T>... fs) {
        List<Future<? extends T>> all = new ArrayList<>(fs.length);
        for (Future<? extends T> f : fs) {
            all.add(f); // element by element: handing the varargs array on would be an unchecked generic array
        }
        return Tasks.gather(all);
    }

    /**
     * Python's {@code asyncio.gather} over a collection.
     *
     * @param fs the Futures
     * @param <T> the common result type
     * @return the Future of the results
     */
    public static <T> Future<List<T>> gather(Collection<? extends Future<? extends T>> fs) {
        return Tasks.gather(fs);
    }

    /**
     * Python's {@code asyncio.gather(..., return_exceptions=True)}: failures appear as Throwable elements.
     *
     * @param fs the Futures
     * @return the Future of the results
     */
    public static Future<List<Object>> gatherReturnExceptions(Collection<? extends Future<?>> fs) {
        return Tasks.gatherReturnExceptions(fs);
    }

    /**
     * Python's {@code asyncio.wait(fs)}: waits for all.
     *
     * @param fs the Futures, not empty
     * @param <T> the common result type
     * @return the done and pending sets
     */
    public static <T> Future<WaitResult<T>> wait(Collection<? extends Future<? extends T>> fs) {
        return Tasks.wait(fs, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Python's {@code asyncio.wait}: never raises on timeout and never cancels.
     *
     * @param fs the Futures, not empty
     * @param timeoutSeconds the timeout, or {@code null} for none
     * @param returnWhen when to return
     * @param <T> the common result type
     * @return the done and pending sets
     */
    public static <T> Future<WaitResult<T>> wait(Collection<? extends Future<? extends T>> fs,
                                                 Double timeoutSeconds, ReturnWhen returnWhen) {
        return Tasks.wait(fs, timeoutSeconds, returnWhen);
    }

    /**
     * {@link #wait(Collection, Double, ReturnWhen)} with a timeout that is always there, so that
     * {@code wait(fs, 1, ReturnWhen.FIRST_COMPLETED)} compiles.
     *
     * @param fs the Futures, not empty
     * @param timeoutSeconds the timeout in seconds ({@code Double.POSITIVE_INFINITY}: none)
     * @param returnWhen when to return
     * @param <T> the common result type
     * @return the done and pending sets
     * @throws IllegalArgumentException if {@code timeoutSeconds} is NaN
     */
    public static <T> Future<WaitResult<T>> wait(Collection<? extends Future<? extends T>> fs,
                                                 double timeoutSeconds, ReturnWhen returnWhen) {
        return Tasks.wait(fs, timeoutSeconds, returnWhen);
    }

    /**
     * Python's {@code asyncio.wait_for}: on timeout the Future is cancelled, and its cancellation awaited, before
     * {@link TimeoutError} is raised.
     *
     * @param f the Future
     * @param timeoutSeconds the timeout, or {@code null} for none
     * @param <T> its result type
     * @return a Future of its result
     */
    public static <T> Future<T> waitFor(Future<T> f, Double timeoutSeconds) {
        return Tasks.waitFor(f, timeoutSeconds);
    }

    /**
     * {@link #waitFor(Future, Double)} with a timeout that is always there, so that {@code waitFor(f, 1)} compiles.
     *
     * @param f the Future
     * @param timeoutSeconds the timeout in seconds ({@code Double.POSITIVE_INFINITY}: none)
     * @param <T> its result type
     * @return a Future of its result
     * @throws IllegalArgumentException if {@code timeoutSeconds} is NaN
     */
    public static <T> Future<T> waitFor(Future<T> f, double timeoutSeconds) {
        return Tasks.waitFor(f, timeoutSeconds);
    }

    /**
     * Python's {@code async with asyncio.timeout(seconds)}: runs {@code block} inline in the current Task; on
     * expiry the Task is cancelled at its current await and the cancellation becomes {@link TimeoutError}. Await
     * inside the block ({@code withTimeout(0.2, () -> Asyncio.await(Asyncio.sleep(1)))}): a block that returns a
     * pending Future instead has bounded nothing and is refused.
     *
     * @param seconds the delay, or {@code +Infinity}
     * @param block the body
     * @param <T> its result type
     * @return its result
     * @throws TimeoutError when the deadline passed before the block finished
     * @throws IllegalArgumentException if {@code seconds} is NaN, or the block returned a pending Future
     * @throws IllegalStateException outside a Task
     */
    public static <T> T withTimeout(double seconds, Coroutine<T> block) {
        return Timeouts.withTimeout(seconds, block);
    }

    /**
     * {@link #withTimeout(double, Coroutine)} for a {@link Duration}.
     *
     * @param timeout the delay
     * @param block the body
     * @param <T> its result type
     * @return its result
     * @throws TimeoutError when the deadline passed before the block finished
     */
    public static <T> T withTimeout(Duration timeout, Coroutine<T> block) {
        return Timeouts.withTimeout(seconds(timeout), block);
    }

    /**
     * Python's {@code async with asyncio.timeout_at(when)}.
     *
     * @param loopTime the deadline on the loop's clock
     * @param block the body
     * @param <T> its result type
     * @return its result
     */
    public static <T> T withTimeoutAt(double loopTime, Coroutine<T> block) {
        return Timeouts.withTimeoutAt(loopTime, block);
    }

    /**
     * Python's {@code asyncio.as_completed}: the first returned Future to be awaited yields the first result to
     * complete, the next one the next result, and so on; a plain loop over them sees results in completion order.
     *
     * @param fs the Futures
     * @param <T> the common result type
     * @return Futures in completion order
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs) {
        return Tasks.asCompleted(fs, null);
    }

    /**
     * Python's {@code asyncio.as_completed(fs, timeout=...)}: after the timeout, awaiting yields {@link TimeoutError}.
     *
     * @param fs the Futures
     * @param timeoutSeconds the timeout, or {@code null}
     * @param <T> the common result type
     * @return Futures in completion order
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs,
                                                      Double timeoutSeconds) {
        return Tasks.asCompleted(fs, timeoutSeconds);
    }

    /**
     * {@link #asCompleted(Collection, Double)} with a timeout that is always there, so that
     * {@code asCompleted(fs, 1)} compiles.
     *
     * @param fs the Futures
     * @param timeoutSeconds the timeout in seconds ({@code Double.POSITIVE_INFINITY}: none)
     * @param <T> the common result type
     * @return Futures in completion order
     * @throws IllegalArgumentException if {@code timeoutSeconds} is NaN
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs,
                                                      double timeoutSeconds) {
        return Tasks.asCompleted(fs, timeoutSeconds);
    }

    /**
     * Python's {@code asyncio.shield}: cancelling the returned Future leaves {@code f} running.
     *
     * @param f the Future
     * @param <T> its result type
     * @return the outer Future
     */
    public static <T> Future<T> shield(Future<T> f) {
        return Tasks.shield(f);
    }

    /**
     * Python's {@code async with asyncio.TaskGroup() as tg:}.
     *
     * @param body the body, given the group
     * @param <T> what the body returns
     * @return the body's result, once every child finished
     * @throws ExceptionGroup holding every child failure (and the body's own), also when there is only one
     */
    public static <T> T taskGroup(TaskGroup.Body<T> body) {
        return TaskGroups.taskGroup(body);
    }

    // ---------------------------------------------------------------- threads

    /**
     * Python's {@code asyncio.to_thread}: runs a blocking function on the running loop's default executor (a cached,
     * unbounded pool of daemon platform threads, so CPU-bound functions never hold up the loop) so the loop keeps
     * running.
     * Cancelling the Future (or the Task awaiting it) keeps the function from starting if it has not started yet; a
     * function already running is not interrupted, and its outcome is dropped. The function runs in a copy of the
     * caller's {@link Context} (its {@link ContextVar}s read what the caller sees), as in CPython.
     *
     * @param fn the function
     * @param <T> its result type
     * @return a Future of its result; a checked exception of {@code fn} follows the
     *         {@linkplain dev.asyncio4j rethrow rule}
     * @throws IllegalStateException with no running loop, or after the default executor was shut down
     */
    public static <T> Future<T> toThread(Callable<T> fn) {
        java.util.Objects.requireNonNull(fn, "fn");
        EventLoop loop = getRunningLoop();
        Context context = Context.copyContext();
        return loop.runInExecutor(null, () -> context.call(fn));
    }

    /**
     * Python's {@code asyncio.run_coroutine_threadsafe}: schedules a coroutine on a loop from any thread (the usual
     * way to feed a loop running in a background thread). Thread-safe. The coroutine becomes a Task on a later
     * iteration of {@code loop}; the returned future completes with its result, its exception (the original one, so
     * {@code get()} throws {@link java.util.concurrent.ExecutionException} with it as the cause), or, when the Task
     * was cancelled, a {@link CancelledError}. Cancelling the returned future cancels the Task on its loop (a request,
     * as {@link Task#cancel()}); cancelled before the loop got to it, the coroutine never starts. If the loop is closed
     * before the Task finishes, the future never completes: stop such a loop only after its work is done or
     * cancelled.
     *
     * @param coro the body
     * @param loop the loop, usually running in another thread
     * @param <T> its result type
     * @return a future of its result
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        return Threads.runCoroutineThreadsafe(coro, loop);
    }

    /**
     * Python's {@code asyncio.wrap_future} onto {@link #getEventLoop()}.
     *
     * @param stage the JDK future
     * @param <T> its result type
     * @return a Future of that loop
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return wrapFuture(stage, getEventLoop());
    }

    /**
     * Python's {@code asyncio.wrap_future}: a Future of {@code loop} that completes like {@code stage}, on a later
     * loop iteration (the stage may complete on any thread). Call it on the loop's thread (or while the loop is not
     * running). Failures arrive unwrapped from {@link CompletionException}; a cancelled stage cancels the Future.
     * Cancelling the Future cancels a source that is a {@link java.util.concurrent.Future} (for example a
     * {@link CompletableFuture}, such as the one {@code HttpClient.sendAsync} returns). Completions after the loop
     * closed are dropped. {@code Asyncio.await(Asyncio.wrapFuture(client.sendAsync(...)))} is the natural way to use
     * JDK asynchronous APIs from a Task.
     *
     * @param stage the JDK future
     * @param loop the loop
     * @param <T> its result type
     * @return the Future
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        return Threads.wrapFuture(stage, loop);
    }

    // ---------------------------------------------------------------- subprocesses

    /**
     * Python's {@code asyncio.create_subprocess_exec(program, *args, stdin=..., stdout=..., stderr=...)}: starts a
     * program directly (no shell), with its standard streams as {@code options} says.
     *
     * <pre>{@code
     * Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(List.of("git", "status", "--short"),
     *         SubprocessOptions.defaults().withStdout(Stdio.PIPE)));
     * ProcessOutput out = Asyncio.await(p.communicate(null));
     * }</pre>
     *
     * <p>The process starts off the loop (the JDK's {@code ProcessBuilder.start()} blocks); cancelling the returned
     * Future kills it once started.
     *
     * @param command the program (looked up in {@code PATH} when it has no {@code '/'}) and its arguments
     * @param options streams, working directory, environment, buffer limit
     * @return a Future of the running process; it fails with {@link java.io.UncheckedIOException} when the program
     *         cannot be started (Python's {@code FileNotFoundError} / {@code PermissionError}: a missing or
     *         non-executable program, a missing working directory)
     * @throws NullPointerException if {@code command}, an element of it, or {@code options} is null
     * @throws IllegalArgumentException when {@code command} is empty or an element holds {@code '\0'}
     * @throws IllegalStateException with no running loop
     */
    public static Future<Subprocess> createSubprocessExec(List<String> command, SubprocessOptions options) {
        Objects.requireNonNull(command, "command: pass the program and its arguments, for example List.of(\"ls\", "
                + "\"-l\")");
        Objects.requireNonNull(options, "options: pass SubprocessOptions.defaults()");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty: pass at least the program to run");
        }
        String[] argv = new String[command.size()];
        int i = 0;
        for (String arg : command) {
            Objects.requireNonNull(arg, "command holds null at index " + i + ": pass strings only");
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("embedded null byte in command argument " + i);
            }
            argv[i++] = arg;
        }
        return startSubprocess(List.of(argv), options);
    }

    /**
     * Python's {@code asyncio.create_subprocess_shell(cmd, ...)}: runs {@code /bin/sh -c command}, so the command
     * may hold pipes, redirections and globs. Quote what comes from users (or prefer
     * {@link #createSubprocessExec}): the shell interprets everything.
     *
     * <pre>{@code
     * Subprocess p = Asyncio.await(Asyncio.createSubprocessShell("ls | wc -l",
     *         SubprocessOptions.defaults().withStdout(Stdio.PIPE)));
     * }</pre>
     *
     * @param command the shell command line
     * @param options streams, working directory, environment, buffer limit
     * @return a Future of the running shell; it fails with {@link java.io.UncheckedIOException} when the shell
     *         cannot be started (a missing working directory). A command the shell cannot find makes the shell exit
     *         with status 127, as in Python.
     * @throws NullPointerException if {@code command} or {@code options} is null
     * @throws IllegalArgumentException when {@code command} holds {@code '\0'}
     * @throws IllegalStateException with no running loop
     */
    public static Future<Subprocess> createSubprocessShell(String command, SubprocessOptions options) {
        Objects.requireNonNull(command, "command: pass the shell command line, for example \"ls | wc -l\"");
        Objects.requireNonNull(options, "options: pass SubprocessOptions.defaults()");
        if (command.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("embedded null byte in the shell command");
        }
        return startSubprocess(List.of("/bin/sh", "-c", command), options);
    }

    private static Future<Subprocess> startSubprocess(List<String> argv, SubprocessOptions options) {
        EventLoop loop = getRunningLoop();
        dev.asyncio4j.internal.SubprocessStreamProtocol protocol =
                new dev.asyncio4j.internal.SubprocessStreamProtocol(loop, options.limit());
        Future<dev.asyncio4j.internal.SubprocessTransport> starting =
                runtime().startSubprocess(loop, argv, options, protocol);
        return adopt(loop, starting, transport -> new dev.asyncio4j.internal.SubprocessImpl(transport, protocol, loop),
                dev.asyncio4j.internal.SubprocessTransport::close);
    }

    /**
     * A Future of {@code make(result)} once {@code source} is done; its failure or cancellation passes through.
     * Cancelling the returned Future cancels {@code source}; a result that arrives after that is handed to
     * {@code discard} (the connection or process nobody will use is closed).
     */
    private static <S, R> Future<R> adopt(EventLoop loop, Future<S> source, java.util.function.Function<S, R> make,
            java.util.function.Consumer<S> discard) {
        Future<R> out = loop.createFuture();
        source.addDoneCallback(f -> {
            if (f.isCancelled()) {
                if (!out.isDone()) {
                    out.cancel();
                }
                return;
            }
            Throwable error = f.exception();
            if (error != null) {
                if (!out.isDone()) {
                    out.setException(error);
                }
                return;
            }
            if (out.isDone()) {
                discard.accept(f.result());
                return;
            }
            out.setResult(make.apply(f.result()));
        });
        out.addDoneCallback(o -> {
            if (o.isCancelled()) {
                source.cancel();
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- streams

    /**
     * Python's {@code asyncio.open_connection(host, port)}: a TCP connection as a reader and a writer, with the
     * default {@link StreamOptions}.
     *
     * @param host the host name or IP address
     * @param port the port
     * @return a Future of the connection; it fails with {@link java.io.UncheckedIOException} when the connection
     *         is refused or the host cannot be found or reached
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException for a port out of range
     * @throws IllegalStateException with no running loop
     */
    public static Future<Connection> openConnection(String host, int port) {
        return openConnection(host, port, StreamOptions.defaults());
    }

    /**
     * Python's {@code asyncio.open_connection(host, port, limit=..., ssl=...)}.
     *
     * <pre>{@code
     * Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", 8888));
     * c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
     * byte[] echo = Asyncio.await(c.reader().readLine());
     * c.writer().close();
     * }</pre>
     *
     * <p>Cancelling the returned Future (for example through {@link #waitFor}) abandons the attempt and closes
     * its socket.
     *
     * @param host the host name or IP address
     * @param port the port
     * @param options limit, TLS, handshake timeout
     * @return a Future of the connection; it fails with {@link java.io.UncheckedIOException} when the connection
     *         is refused, the host cannot be found or reached, or the TLS handshake fails
     * @throws NullPointerException if {@code host} or {@code options} is null
     * @throws IllegalArgumentException for a port out of range, or a server host name without TLS
     * @throws IllegalStateException with no running loop
     */
    public static Future<Connection> openConnection(String host, int port, StreamOptions options) {
        Objects.requireNonNull(host, "host: pass the host name or IP address to connect to");
        Objects.requireNonNull(options, "options: pass StreamOptions.defaults()");
        EventLoop loop = getRunningLoop();
        StreamReader reader = new StreamReader(options.limit());
        dev.asyncio4j.internal.StreamProtocol protocol = new dev.asyncio4j.internal.StreamProtocol(loop, reader,
                null);
        Future<Endpoint<dev.asyncio4j.internal.StreamProtocol>> connecting =
                loop.createConnection(() -> protocol, host, port, options);
        return adopt(loop, connecting, endpoint -> new Connection(reader,
                new dev.asyncio4j.internal.StreamWriterImpl(endpoint.transport(), protocol, reader, loop)),
                endpoint -> endpoint.transport().close());
    }

    /**
     * Python's {@code asyncio.start_server(client_connected_cb, host, port)} with the default
     * {@link StreamOptions}.
     *
     * @param onClient run as a Java coroutine body in a new Task for each connection
     * @param host the address to listen on; {@code null} for every interface
     * @param port the port; 0 lets the system choose (read it from {@link Server#sockets()})
     * @return a Future of the listening server; it fails with {@link java.io.UncheckedIOException} when the
     *         address cannot be bound
     * @throws NullPointerException if {@code onClient} is null
     * @throws IllegalArgumentException for a port out of range
     * @throws IllegalStateException with no running loop
     */
    public static Future<Server> startServer(ClientConnected onClient, String host, int port) {
        return startServer(onClient, host, port, StreamOptions.defaults());
    }

    /**
     * Python's {@code asyncio.start_server(client_connected_cb, host, port, limit=..., ssl=..., backlog=...)}.
     * Each connection runs {@code onClient} as a Java coroutine body in a new Task; when it throws, the exception
     * goes to the loop's exception handler and the connection is closed, and the server keeps serving.
     *
     * <pre>{@code
     * Server server = Asyncio.await(Asyncio.startServer((reader, writer) -> {
     *     byte[] line;
     *     while ((line = Asyncio.await(reader.readLine())).length > 0) {
     *         writer.write(line);
     *         Asyncio.await(writer.drain());
     *     }
     *     writer.close();
     * }, "127.0.0.1", 8888));
     * Asyncio.await(server.serveForever());
     * }</pre>
     *
     * @param onClient run as a Java coroutine body in a new Task for each connection
     * @param host the address to listen on; {@code null} for every interface
     * @param port the port; 0 lets the system choose
     * @param options limit, TLS (the server presents the context's key), backlog, reuse port
     * @return a Future of the listening server
     * @throws NullPointerException if {@code onClient} or {@code options} is null
     * @throws IllegalArgumentException for a port out of range
     * @throws IllegalStateException with no running loop
     */
    public static Future<Server> startServer(ClientConnected onClient, String host, int port, StreamOptions options) {
        Objects.requireNonNull(onClient, "onClient: pass the coroutine body that serves one client");
        Objects.requireNonNull(options, "options: pass StreamOptions.defaults()");
        EventLoop loop = getRunningLoop();
        int limit = options.limit();
        dev.asyncio4j.internal.StreamProtocol.ClientStarter start = (reader, writer) -> loop.createTask(() -> {
            onClient.handle(reader, writer);
            return null;
        });
        return loop.createServer(() -> new dev.asyncio4j.internal.StreamProtocol(loop, new StreamReader(limit),
                start), host, port, options);
    }

    static double seconds(Duration d) {
        Objects.requireNonNull(d, "duration");
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static final class RuntimeHolder {
        static final AsyncioRuntime RUNTIME = load();

        private static AsyncioRuntime load() {
            for (AsyncioRuntime r : java.util.ServiceLoader.load(AsyncioRuntime.class, Asyncio.class.getClassLoader())) {
                return r;
            }
            throw new IllegalStateException("no asyncio4j runtime on the class path: add the dependency "
                    + "dev.asyncio4j:asyncio4j-kotlin-bridge");
        }
    }
}
