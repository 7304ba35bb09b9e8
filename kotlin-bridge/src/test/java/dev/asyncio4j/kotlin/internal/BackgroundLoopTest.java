package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The tutorials' {@code new_event_loop()} + {@code Thread} + {@code run_forever()} pattern: a loop in a background
 * thread, fed with {@code callSoonThreadsafe} and {@code runCoroutineThreadsafe} from the main thread.
 */
class BackgroundLoopTest {
    @Test
    void callSoonThreadsafeFeedsTheLoopInOrderOnItsThread() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            EventLoop loop = bg.loop();
            loop.callSoonThreadsafe(() -> log.add("one"));
            loop.callSoonThreadsafe(() -> log.add("two"));
            loop.callSoonThreadsafe(() -> {
                ranOn.set(Thread.currentThread());
                assertSame(loop, Asyncio.getRunningLoop());
                log.add("three");
                done.countDown();
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertTrue(loop.isRunning());
        }
        assertEquals(List.of("one", "two", "three"), log);
        assertFalse(ranOn.get().getName().equals(Thread.currentThread().getName()));
    }

    @Test
    void runCoroutineThreadsafeRunsTasksConcurrentlyOnTheBackgroundLoop() throws Exception {
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            EventLoop loop = bg.loop();
            List<CompletableFuture<double[]>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fs.add(Asyncio.runCoroutineThreadsafe(() -> {
                    double start = Asyncio.getRunningLoop().time();
                    Asyncio.await(Asyncio.sleep(0.1));
                    return new double[] {start, Asyncio.getRunningLoop().time()};
                }, loop));
            }
            double first = Double.MAX_VALUE;
            double last = 0;
            for (CompletableFuture<double[]> f : fs) {
                double[] span = f.get(5, TimeUnit.SECONDS);
                first = Math.min(first, span[0]);
                last = Math.max(last, span[1]);
            }
            // all five slept at the same time: far less than 5 x 0.1 s of loop time from the first start to the last end
            assertTrue(last - first < 0.3, "took " + (last - first));
        }
    }

    @Test
    void stoppingThroughCallSoonThreadsafeIsCleanAndTheLoopCanBeClosedAndReused() throws Exception {
        BackgroundLoop bg = BackgroundLoop.start();
        EventLoop loop = bg.loop();
        assertEquals(3, Asyncio.runCoroutineThreadsafe(() -> 3, loop).get(5, TimeUnit.SECONDS));
        loop.callSoonThreadsafe(loop::stop);
        bg.thread().join(5000);
        assertFalse(bg.thread().isAlive());
        assertFalse(loop.isRunning());
        assertFalse(loop.isClosed());
        // a stopped loop may be run again, here from this thread
        assertEquals(4, loop.runUntilComplete(() -> 4));
        bg.close();
        assertTrue(loop.isClosed());
    }

    @Test
    void closingTheLoopShutsItsExecutorDown() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(1);
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            bg.call(() -> {
                Asyncio.getRunningLoop().setDefaultExecutor(executor);
                return Asyncio.await(Asyncio.toThread(() -> "worked"));
            });
        }
        assertTrue(executor.isShutdown());
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void closingTheLoopShutsTheLazyDefaultExecutorDown() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            bg.call(() -> {
                Asyncio.toThread(() -> {
                    worker.set(Thread.currentThread());
                    release.await(5, TimeUnit.SECONDS);
                    return null;
                });
                return null;
            });
        }
        // close() does not wait (CPython's shutdown(wait=False)); the worker ends once its function returns
        release.countDown();
        while (worker.get() == null) {
            Thread.onSpinWait();
        }
        worker.get().join(5000);
        assertFalse(worker.get().isAlive());
    }

    @Test
    void mutatingTheRunningLoopFromTheMainThreadPointsToTheThreadsafeWays() throws Exception {
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            EventLoop loop = bg.loop();
            Asyncio.runCoroutineThreadsafe(() -> null, loop).get(5, TimeUnit.SECONDS); // surely running now
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
            assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
            assertInstanceOf(IllegalStateException.class,
                    assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1)));
            assertThrows(IllegalStateException.class, loop::close);
        }
    }
}
