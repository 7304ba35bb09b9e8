package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The tutorials' pattern, for tests: a new loop running forever in its own thread, fed from outside, stopped with
 * {@code callSoonThreadsafe(loop::stop)} and closed once its thread ended.
 */
public final class BackgroundLoop implements AutoCloseable {
    private final EventLoop loop;
    private final Thread thread;

    private BackgroundLoop(EventLoop loop, Thread thread) {
        this.loop = loop;
        this.thread = thread;
    }

    public static BackgroundLoop start() {
        EventLoop loop = Asyncio.newEventLoop();
        Thread t = new Thread(() -> {
            Asyncio.setEventLoop(loop);
            loop.runForever();
        }, "background-loop");
        t.setDaemon(true);
        t.start();
        return new BackgroundLoop(loop, t);
    }

    public EventLoop loop() {
        return loop;
    }

    public Thread thread() {
        return thread;
    }

    /** Runs a coroutine on the loop and waits for its result (failures rethrown unwrapped when unchecked). */
    public <T> T call(Coroutine<T> coro) throws Exception {
        try {
            return Asyncio.runCoroutineThreadsafe(coro, loop).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Runs a coroutine on the loop that returns a CompletableFuture, and returns that future. */
    public <T> CompletableFuture<T> submit(Coroutine<CompletableFuture<T>> coro) throws Exception {
        return call(coro);
    }

    /** Stops the loop from this thread the thread-safe way, waits for its thread, closes it. */
    @Override
    public void close() {
        if (!loop.isClosed()) {
            loop.callSoonThreadsafe(loop::stop);
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the background loop", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the background loop did not stop");
        }
        loop.close();
    }
}
