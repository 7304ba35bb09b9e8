package dev.asyncio4j;

import java.util.concurrent.CompletableFuture;

/**
 * N event loops on N threads, to use every core: Netty's and Vert.x's event loop group with asyncio's loops. Each
 * loop stays a single logical thread (nothing of one loop ever runs concurrently); work is spread over them by
 * {@link #next()} (round-robin) or pinned by {@link #loopFor(Object)} (the same key, the same loop), and submitted
 * from any thread with {@link #submit}. A {@link #startServer server} listens once and spreads its connections over
 * the loops.
 *
 * <pre>{@code
 * try (LoopGroup group = LoopGroup.create(Runtime.getRuntime().availableProcessors())) {
 *     Server server = group.startServer((reader, writer) -> { ... }, null, 8080, StreamOptions.defaults()).join();
 *     group.submit(() -> Asyncio.await(server.serveForever())).join();
 * }
 * }</pre>
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. Objects of one loop (its Futures, Tasks,
 * primitives, streams) stay confined to that loop, as always: cross loops with {@link #submit},
 * {@link Asyncio#runCoroutineThreadsafe} or {@link Future#toCompletableFuture()}.
 *
 * <p><b>Closing.</b> {@link #close()} cancels every loop's Tasks and waits until they finished (their
 * {@code finally} blocks may await), shuts down each loop's default executor, stops the loops and closes them, as
 * {@link Asyncio#run} does for its one loop. The loops' threads are not daemon threads: a group keeps the JVM
 * alive until it is closed, as a server should.
 */
public interface LoopGroup extends AutoCloseable {
    /**
     * A group of {@code loops} running loops, each on its own new thread.
     *
     * @param loops how many loops, at least 1 ({@code Runtime.getRuntime().availableProcessors()} uses every core)
     * @return the group, its loops running
     * @throws IllegalArgumentException if {@code loops} is less than 1
     */
    static LoopGroup create(int loops) {
        if (loops < 1) {
            throw new IllegalArgumentException("a LoopGroup needs at least 1 loop, got " + loops
                    + ": pass Runtime.getRuntime().availableProcessors() to use every core");
        }
        return Asyncio.runtime().newLoopGroup(loops);
    }

    /**
     * How many loops the group has.
     *
     * @return the count
     */
    int size();

    /**
     * The next loop in round-robin order.
     *
     * @return a loop of the group
     * @throws IllegalStateException once the group is closed
     */
    EventLoop next();

    /**
     * The loop for {@code key}: always the same loop for equal keys (by {@code hashCode}), so that work on one
     * session, one user, one connection stays on one loop and needs no lock.
     *
     * @param key the key, not {@code null}
     * @return a loop of the group
     * @throws IllegalStateException once the group is closed
     */
    EventLoop loopFor(Object key);

    /**
     * Runs {@code coro} as a Task on the {@link #next()} loop (Python's {@code run_coroutine_threadsafe}).
     * Cancelling the returned CompletableFuture cancels the Task.
     *
     * @param coro the body
     * @param <T> its result type
     * @return the Task's outcome
     * @throws IllegalStateException once the group is closed
     */
    <T> CompletableFuture<T> submit(Coroutine<T> coro);

    /**
     * Runs {@code coro} as a Task on the loop for {@code key} ({@link #loopFor(Object)}).
     *
     * @param key the key, not {@code null}
     * @param coro the body
     * @param <T> its result type
     * @return the Task's outcome
     * @throws IllegalStateException once the group is closed
     */
    <T> CompletableFuture<T> submit(Object key, Coroutine<T> coro);

    /**
     * {@link Asyncio#startServer} for the whole group: one listening socket, each accepted connection served on the
     * next loop in round-robin order (its {@code onClient} Task, its reader and writer all live on that loop).
     * The returned {@link Server} is thread-safe: {@code close}, {@code closeClients} and {@code abortClients} act
     * on every loop; {@code waitClosed} and {@code serveForever} return Futures of the caller's running loop (or,
     * called from outside the group's loops, of its first loop, to be awaited with
     * {@code toCompletableFuture().join()}).
     *
     * @param onClient serves one client, as a coroutine body
     * @param host the host to listen on; {@code null} for every interface
     * @param port the port; 0 for any free port ({@link Server#sockets()} tells which)
     * @param options stream options ({@link StreamOptions#defaults()})
     * @return the server once it listens; fails with {@code UncheckedIOException} when it cannot bind
     * @throws IllegalStateException once the group is closed
     */
    CompletableFuture<Server> startServer(ClientConnected onClient, String host, int port, StreamOptions options);

    /**
     * Cancels and drains every loop's Tasks, then stops and closes the loops and waits for their threads to end.
     * Idempotent.
     *
     * @throws IllegalStateException when called from one of the group's own loops (it would wait for itself)
     */
    @Override
    void close();
}
