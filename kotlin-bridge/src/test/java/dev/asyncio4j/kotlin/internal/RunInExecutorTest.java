package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code loop.runInExecutor}, the default executor and its shutdown (CPython's test_events / test_base_events). */
class RunInExecutorTest {
    private EventLoop loop;
    private final List<ExecutorService> executors = new ArrayList<>();

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
        executors.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService executor(int threads) {
        ExecutorService e = Executors.newFixedThreadPool(threads);
        executors.add(e);
        return e;
    }

    @Test
    void runInExecutor() {
        Future<Object[]> f2 = loop.runInExecutor(null, () -> new Object[] {"yo", Thread.currentThread()});
        Object[] res = loop.runUntilComplete(f2);
        assertEquals("yo", res[0]);
        assertNotSame(Thread.currentThread(), res[1]);
    }

    @Test
    void runInExecutorCancelBeforeItStarts() throws Exception {
        ExecutorService single = executor(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        Future<Object> first = loop.runInExecutor(single, () -> release.await(10, TimeUnit.SECONDS));
        Future<Object> second = loop.runInExecutor(single, () -> secondRan.getAndSet(true));
        assertTrue(second.cancel());
        loop.runUntilComplete(() -> Asyncio.await(Asyncio.sleep(0))); // the cancel reaches the executor through a done-callback
        release.countDown();
        assertEquals(true, loop.runUntilComplete(first));
        single.shutdown();
        assertTrue(single.awaitTermination(5, TimeUnit.SECONDS));
        assertFalse(secondRan.get());
        assertTrue(second.isCancelled());
    }

    @Test
    void runInExecutorCancelThenCloseSchedulesNothing() throws Exception {
        // CPython's test_run_in_executor_cancel: cancelled, the function either never starts or finishes unobserved;
        // nothing reaches the loop after it closed.
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        List<Object> handled = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> handled.add(ctx));
        Future<Object> f2 = loop.runInExecutor(null, () -> {
            started.set(true);
            Thread.sleep(50);
            finished.set(true);
            return null;
        });
        f2.cancel();
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
        loop.close();
        assertEquals(started.get(), finished.get());
        assertTrue(f2.isCancelled());
        assertTrue(handled.isEmpty(), handled.toString());
    }

    @Test
    void aGivenExecutorRunsTheFunction() {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
        executors.add(mine);
        assertEquals("mine", loop.runUntilComplete(loop.runInExecutor(mine, () -> Thread.currentThread().getName())));
    }

    @Test
    void failuresAndCancellationOfTheWorkReachTheFuture() {
        ExecutorService single = executor(1);
        Future<Object> failing = loop.runInExecutor(single, () -> {
            throw new IllegalArgumentException("bad");
        });
        assertEquals("bad", assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(failing)).getMessage());
        Future<Object> cancelledInside = loop.runInExecutor(single, () -> {
            throw new java.util.concurrent.CancellationException("from inside");
        });
        assertThrows(java.util.concurrent.CancellationException.class, () -> loop.runUntilComplete(cancelledInside));
    }

    @Test
    void setDefaultExecutorIsUsedByToThreadAndRunInExecutor() {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-default"));
        executors.add(mine);
        loop.setDefaultExecutor(mine);
        assertEquals("my-default", loop.runUntilComplete(loop.runInExecutor(null, () -> Thread.currentThread().getName())));
        assertEquals("my-default", loop.runUntilComplete(() -> Asyncio.await(Asyncio.toThread(() -> Thread.currentThread().getName()))));
    }

    @Test
    void shutdownDefaultExecutorWaitsForRunningWorkThenRefusesTheDefault() {
        AtomicBoolean done = new AtomicBoolean();
        Future<Object> work = loop.runInExecutor(null, () -> {
            Thread.sleep(100);
            done.set(true);
            return null;
        });
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
        assertTrue(done.get());
        loop.runUntilComplete(work);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
        assertTrue(e.getMessage().contains("Executor shutdown has been called"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> Asyncio.await(Asyncio.toThread(() -> 1))));
        // an explicit executor still works
        assertEquals(1, loop.runUntilComplete(loop.runInExecutor(executor(1), () -> 1)));
    }

    @Test
    void shutdownWithoutADefaultExecutorIsDoneAtOnce() {
        Future<Void> f = loop.shutdownDefaultExecutor();
        assertTrue(f.isDone());
        assertEquals(null, f.result());
    }

    @Test
    void asyncioRunShutsTheDefaultExecutorDownAndWaits() throws Exception {
        ExecutorService mine = executor(2);
        AtomicBoolean finished = new AtomicBoolean();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setDefaultExecutor(mine);
            Asyncio.toThread(() -> {
                Thread.sleep(100);
                finished.set(true);
                return null;
            });
            return null; // not awaited: run() still waits for the executor to finish
        });
        assertTrue(mine.isTerminated());
        assertTrue(finished.get());
    }

    @Test
    void closeShutsTheDefaultExecutorDownWithoutWaiting() {
        ExecutorService mine = executor(1);
        loop.setDefaultExecutor(mine);
        loop.close();
        assertTrue(mine.isShutdown());
    }

    @Test
    void fromAnotherThreadWhileRunningItPointsToTheThreadsafeWay() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        loop.runUntilComplete(() -> {
            Thread t = new Thread(() -> {
                try {
                    loop.setDefaultExecutor(executor(1));
                } catch (Throwable e) {
                    seen.set(e);
                }
            });
            t.start();
            Asyncio.await(Asyncio.toThread(() -> {
                t.join();
                return null;
            }));
            return null;
        });
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertTrue(seen.get().getMessage().contains("callSoonThreadsafe"), seen.get().getMessage());
    }

    @Test
    void theDefaultExecutorRunsJobsOnDaemonPlatformThreads() {
        Thread[] seen = new Thread[2];
        loop.runUntilComplete(() -> {
            seen[0] = Asyncio.await(Asyncio.toThread(Thread::currentThread));
            seen[1] = Asyncio.await(Asyncio.toThread(Thread::currentThread));
            return null;
        });
        for (Thread t : seen) {
            assertTrue(t.getName().startsWith("asyncio4j-executor-"), t.getName());
            assertTrue(t.isDaemon());
            assertFalse(VirtualThreads.isVirtual(t), "CPU-bound jobs must not ride the loop's carriers");
        }
    }

    @Test
    void manyConcurrentCallsAllComplete() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> results = loop.runUntilComplete(() -> {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                fs.add(Asyncio.toThread(() -> {
                    calls.incrementAndGet();
                    return n;
                }));
            }
            return AwaitAll.of(fs);
        });
        assertEquals(200, calls.get());
        for (int i = 0; i < 200; i++) {
            assertEquals(i, results.get(i));
        }
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheExecutorFuture() {
        CountDownLatch release = new CountDownLatch(1);
        Future<?>[] inner = new Future<?>[1];
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(() -> {
            inner[0] = Asyncio.toThread(() -> release.await(5, TimeUnit.SECONDS));
            var task = Asyncio.currentTask();
            Asyncio.getRunningLoop().callLater(0.01, task::cancel);
            return Asyncio.await(inner[0]);
        }));
        release.countDown();
        assertTrue(inner[0].isCancelled());
        assertSame(loop, inner[0].getLoop());
    }
}
