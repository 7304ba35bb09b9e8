package dev.asyncio4j;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Python's asyncio event loop: one logical thread that runs callbacks, timers and the steps of Tasks.
 * Create one with {@link Asyncio#newEventLoop()}, or let {@link Asyncio#run(Coroutine)} do it.
 *
 * <p><b>Threading.</b> A loop belongs to the thread that calls {@link #runForever()} or
 * {@link #runUntilComplete(Future)}; that call blocks until the loop stops. At any instant at most one of these runs
 * for a loop: a callback, one step of a Java coroutine body, one step of a Kotlin coroutine dispatched on the loop.
 * While the loop runs, its mutating methods ({@code callSoon}, {@code callLater}, {@code callAt},
 * {@code createFuture}, {@code createTask}, {@code stop}, {@code close}) throw {@link IllegalStateException} when
 * called from any other thread. Thread-safe everywhere: {@link #callSoonThreadsafe(Runnable)}, {@link #isRunning()},
 * {@link #isClosed()}, {@link #time()}, {@link #isDebug()}. A loop that is not running may be used, and closed, from
 * any one thread at a time.
 *
 * <p><b>Ordering.</b> {@code callSoon} is FIFO and {@code callSoonThreadsafe} joins the same FIFO. Timers fire by
 * deadline, FIFO among equal deadlines; a negative delay is a deadline in the past; {@code NaN} is refused;
 * {@code +Infinity} never fires.
 */
public interface EventLoop extends AutoCloseable {
    /**
     * Runs the loop until the Future is done and returns its result by the {@linkplain dev.asyncio4j rethrow rule}.
     *
     * @param future a Future of this loop
     * @param <T> the result type
     * @return the result
     * @throws IllegalStateException if the loop is closed or already running, or stopped before the Future was done
     */
    <T> T runUntilComplete(Future<T> future);

    /**
     * Wraps the coroutine in a Task and runs the loop until it is done.
     *
     * @param coro the body
     * @param <T> the result type
     * @return the result, by the {@linkplain dev.asyncio4j rethrow rule}
     */
    <T> T runUntilComplete(Coroutine<T> coro);

    /** Runs the loop until {@link #stop()} is called. */
    void runForever();

    /** Asks the loop to stop after the current iteration. Before {@code runForever}, it runs one iteration then. */
    void stop();

    /**
     * Whether the loop is running. Thread-safe.
     *
     * @return {@code true} while {@code runForever} or {@code runUntilComplete} is in progress
     */
    boolean isRunning();

    /**
     * Whether {@link #close()} was called. Thread-safe.
     *
     * @return {@code true} once closed
     */
    boolean isClosed();

    /**
     * Closes the loop: drops pending callbacks and timers, shuts its default executor down without waiting.
     * Idempotent.
     *
     * @throws IllegalStateException while the loop runs
     */
    @Override
    void close();

    /**
     * The loop's monotonic clock, in seconds; {@link #callAt} uses it. Thread-safe.
     *
     * @return the current loop time
     */
    double time();

    /**
     * Schedules a callback for the next iteration.
     *
     * @param cb the callback
     * @return a handle that can cancel it
     */
    Handle callSoon(Runnable cb);

    /**
     * Schedules a callback from any thread and wakes the loop. The only way in from a foreign thread.
     *
     * @param cb the callback
     * @return a handle that can cancel it
     */
    Handle callSoonThreadsafe(Runnable cb);

    /**
     * Schedules a callback after a delay.
     *
     * @param delaySeconds seconds from now; negative is in the past, {@code +Infinity} never fires
     * @param cb the callback
     * @return a handle that can cancel it
     * @throws IllegalArgumentException if the delay is NaN
     */
    TimerHandle callLater(double delaySeconds, Runnable cb);

    /**
     * Schedules a callback after a delay.
     *
     * @param delay the delay
     * @param cb the callback
     * @return a handle that can cancel it
     */
    TimerHandle callLater(Duration delay, Runnable cb);

    /**
     * Schedules a callback at a point in loop time.
     *
     * @param when a deadline on the clock of {@link #time()}
     * @param cb the callback
     * @return a handle that can cancel it
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    TimerHandle callAt(double when, Runnable cb);

    /**
     * Creates a pending Future of this loop.
     *
     * @param <T> the result type
     * @return the Future
     */
    <T> Future<T> createFuture();

    /**
     * Schedules a Java coroutine as a Task; its first step runs on a later iteration.
     *
     * @param coro the body
     * @param <T> the result type
     * @return the Task
     */
    <T> Task<T> createTask(Coroutine<T> coro);

    /**
     * Schedules a named Java coroutine as a Task.
     *
     * @param coro the body
     * @param name the name, or {@code null} for {@code Task-N}
     * @param <T> the result type
     * @return the Task
     */
    <T> Task<T> createTask(Coroutine<T> coro, String name);

    /**
     * Python's {@code run_in_executor}: runs a blocking function on an executor and returns a Future of this loop for
     * its result. The default executor is created on first use: a cached, unbounded pool of daemon platform threads
     * named {@code asyncio4j-executor-N} (platform threads on every JDK: CPU-bound functions on virtual threads would
     * hold the carriers the loop needs).
     *
     * @param executor the executor, or {@code null} for the loop's default executor
     * @param fn the function
     * @param <T> the result type
     * @return the Future; cancelling it cancels the function if it has not started
     * @throws IllegalStateException when the loop is closed, or {@code executor} is null and
     *     {@link #shutdownDefaultExecutor()} was called
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> fn);

    /**
     * Replaces the default executor of {@link #runInExecutor} and {@link Asyncio#toThread}. The loop shuts it down
     * in {@link #shutdownDefaultExecutor()} and {@link #close()}; the executor it replaces is left alone.
     *
     * @param executor the executor
     */
    void setDefaultExecutor(ExecutorService executor);

    /**
     * Shuts the default executor down and waits, on a helper thread so the loop keeps running, for its work to
     * finish (at most 300 s, then a warning is logged). Afterwards {@code runInExecutor(null, ...)} and
     * {@link Asyncio#toThread} throw {@link IllegalStateException}. {@link Asyncio#run} calls it before closing the
     * loop; {@link #close()} shuts the default executor down without waiting.
     *
     * @return a Future done when the executor has terminated (at once when none was created)
     */
    Future<Void> shutdownDefaultExecutor();

    /**
     * Installs the handler of errors nobody else could receive.
     *
     * @param handler the handler, or {@code null} to restore {@link #defaultExceptionHandler}
     */
    void setExceptionHandler(ExceptionHandler handler);

    /**
     * Reports an error to the installed handler (the default one if none is installed).
     *
     * @param context what happened
     */
    void callExceptionHandler(ExceptionContext context);

    /**
     * The default handler: logs the context through {@link System.Logger} at level ERROR.
     *
     * @param context what happened
     */
    void defaultExceptionHandler(ExceptionContext context);

    /**
     * Turns debug mode on or off; in debug mode, callbacks slower than 100 ms are reported.
     *
     * @param enabled whether to debug
     */
    void setDebug(boolean enabled);

    /**
     * Whether debug mode is on. Thread-safe.
     *
     * @return the flag
     */
    boolean isDebug();

    /**
     * Runs a callback on the loop (through {@link #callSoonThreadsafe}) each time the process receives a signal,
     * using the JDK's {@code sun.misc.Signal}. Signals are process-wide: one handler per signal per JVM, the latest
     * wins. The handler it replaces is put back by {@link #removeSignalHandler} or when this loop is closed.
     *
     * @param signal the signal name, with or without {@code SIG}, for example {@code "INT"}, {@code "TERM"},
     *     {@code "HUP"}
     * @param cb the callback
     * @throws IllegalArgumentException for an unknown signal name
     * @throws IllegalStateException for a signal that cannot be caught ({@code KILL}, {@code STOP}, or one the JVM
     *     keeps, such as {@code SEGV}), or when the loop is closed
     * @throws UnsupportedOperationException when the JDK lacks the {@code jdk.unsupported} module
     */
    void addSignalHandler(String signal, Runnable cb);

    /**
     * Removes a signal handler this loop installed, putting back the one it replaced.
     *
     * @param signal the signal name
     * @return whether a handler was removed
     */
    boolean removeSignalHandler(String signal);

    /**
     * Opens a TCP connection (TLS when {@code options} has a context) and runs a protocol on it (Python's
     * {@code loop.create_connection}). The host is resolved off the loop unless it is an IP literal; each address
     * is tried in turn.
     *
     * <p>Call on the loop. Cancelling the returned Future abandons the attempt and closes its socket.
     *
     * @param factory makes the protocol, called once on the loop when the connection is up
     * @param host the host name or IP literal
     * @param port the port, 1 to 65535
     * @param options the options ({@link StreamOptions#defaults()} for plain TCP)
     * @param <P> the protocol type
     * @return a Future of the transport and protocol, done after {@link Protocol#connectionMade(Transport)} (and
     *         after the TLS handshake); it fails with {@link java.io.UncheckedIOException} around the JDK's
     *         {@code IOException} when the connection is refused, unreachable, or the handshake fails
     * @throws NullPointerException if {@code factory}, {@code host} or {@code options} is null
     * @throws IllegalArgumentException for a port out of range, or a server host name without TLS
     */
    <P extends Protocol> Future<Endpoint<P>> createConnection(java.util.function.Supplier<P> factory, String host,
            int port, StreamOptions options);

    /**
     * Listens for TCP connections (TLS when {@code options} has a context), running a new protocol on each
     * (Python's {@code loop.create_server}). The server accepts connections from the moment the Future is done.
     *
     * <p>Call on the loop.
     *
     * @param factory makes one protocol per accepted connection, on the loop
     * @param host the address to listen on; {@code null} for every interface
     * @param port the port; 0 lets the system choose (see {@link Server#sockets()})
     * @param options the options
     * @return a Future of the server; it fails with {@link java.io.UncheckedIOException} when the address cannot
     *         be bound
     * @throws NullPointerException if {@code factory} or {@code options} is null
     * @throws IllegalArgumentException for a port out of range
     */
    Future<Server> createServer(java.util.function.Supplier<? extends Protocol> factory, String host, int port,
            StreamOptions options);
}
