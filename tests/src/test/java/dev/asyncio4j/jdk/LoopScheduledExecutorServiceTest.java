package dev.asyncio4j.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop as a ScheduledExecutorService, on a loop running in a background thread. */
class LoopScheduledExecutorServiceTest {
    private EventLoop loop;
    private Thread thread;
    private LoopScheduledExecutorService service;

    @BeforeEach
    void start() {
        loop = Asyncio.newEventLoop();
        thread = new Thread(loop::runForever, "scheduled-loop");
        thread.start();
        service = LoopScheduledExecutorService.of(loop);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (!loop.isClosed()) {
            loop.callSoonThreadsafe(loop::stop);
            thread.join(5000);
            loop.close();
        }
    }

    @Test
    void delayedTasksFireByDeadlineOnTheLoopsClock() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        double start = loop.time();
        ScheduledFuture<String> late = service.schedule(() -> {
            log.add("late");
            return "late at " + (loop.time() - start);
        }, 60, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> early = service.schedule(() -> log.add("early"), 20, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> same = service.schedule(() -> log.add("same deadline, later"), 20, TimeUnit.MILLISECONDS);
        // Counted on the loop's clock from the schedule call: never more than asked (how much of it is left by now
        // depends on the machine's speed, so no lower bound here; the order below and the 60 ms wait are the proof).
        assertTrue(late.getDelay(TimeUnit.MILLISECONDS) <= 60);
        assertTrue(early.compareTo(late) < 0);
        String r = late.get(5, TimeUnit.SECONDS);
        assertTrue(loop.time() - start >= 0.06);
        assertTrue(r.startsWith("late at "));
        assertTrue(early.isDone() && same.isDone());
        assertEquals(List.of("early", "same deadline, later", "late"), log);
    }

    @Test
    void tasksRunOnTheLoopThread() throws Exception {
        Future<EventLoop> f = service.submit(Asyncio::getRunningLoop);
        assertSame(loop, f.get(5, TimeUnit.SECONDS));
        List<java.util.concurrent.Callable<Integer>> two = List.of(() -> 3, () -> 4);
        int sum = 0;
        for (Future<Integer> x : service.invokeAll(two)) {
            sum += x.get();
        }
        assertEquals(7, sum);
    }

    @Test
    void cancellingRemovesTheTimer() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        ScheduledFuture<?> f = service.schedule(ran::incrementAndGet, 50, TimeUnit.MILLISECONDS);
        assertTrue(f.cancel(false));
        ScheduledFuture<?> after = service.schedule(() -> { }, 100, TimeUnit.MILLISECONDS);
        after.get(5, TimeUnit.SECONDS);
        assertEquals(0, ran.get());
        assertTrue(f.isCancelled());
    }

    @Test
    void fixedRateAndFixedDelayRepeatUntilCancelled() throws Exception {
        CountDownLatch fiveRate = new CountDownLatch(5);
        CountDownLatch fiveDelay = new CountDownLatch(5);
        ScheduledFuture<?> rate = service.scheduleAtFixedRate(fiveRate::countDown, 0, 5, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> delay = service.scheduleWithFixedDelay(fiveDelay::countDown, 0, 5, TimeUnit.MILLISECONDS);
        assertTrue(fiveRate.await(5, TimeUnit.SECONDS));
        assertTrue(fiveDelay.await(5, TimeUnit.SECONDS));
        assertTrue(rate.cancel(false));
        assertTrue(delay.cancel(false));
        assertTrue(((java.util.concurrent.RunnableScheduledFuture<?>) rate).isPeriodic());
        assertThrows(IllegalArgumentException.class,
                () -> service.scheduleAtFixedRate(() -> { }, 0, 0, TimeUnit.SECONDS));
    }

    @Test
    void aFailingPeriodicTaskStops() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> f = service.scheduleAtFixedRate(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        }, 0, 1, TimeUnit.MILLISECONDS);
        assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        service.schedule(() -> { }, 20, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertEquals(1, runs.get());
    }

    @Test
    void shutdownKeepsDelayedTasksCancelsPeriodicOnesAndLeavesTheLoopRunning() throws Exception {
        ScheduledFuture<String> delayed = service.schedule(() -> "still ran", 30, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> periodic = service.scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.MILLISECONDS);
        service.shutdown();
        assertTrue(service.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> service.execute(() -> { }));
        assertTrue(periodic.isCancelled());
        assertEquals("still ran", delayed.get(5, TimeUnit.SECONDS));
        assertTrue(service.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(service.isTerminated());
        assertTrue(loop.isRunning());
        assertFalse(loop.isClosed());
    }

    @Test
    void shutdownNowReturnsTasksThatNeverStarted() throws Exception {
        ScheduledFuture<?> a = service.schedule(() -> { }, 10, TimeUnit.SECONDS);
        ScheduledFuture<?> b = service.schedule(() -> { }, 10, TimeUnit.SECONDS);
        List<Runnable> never = service.shutdownNow();
        assertEquals(2, never.size());
        assertTrue(a.isCancelled() && b.isCancelled());
        assertTrue(service.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void awaitTerminationOnTheLoopThreadIsRefused() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        service.execute(() -> {
            try {
                service.awaitTermination(1, TimeUnit.SECONDS);
                seen.complete(null);
            } catch (Throwable t) {
                seen.complete(t);
            }
        });
        assertTrue(seen.get(5, TimeUnit.SECONDS) instanceof IllegalStateException);
    }

    @Test
    void aClosedLoopRejectsAndCountsAsTerminated() throws Exception {
        service.schedule(() -> { }, 10, TimeUnit.SECONDS);
        loop.callSoonThreadsafe(loop::stop);
        thread.join(5000);
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> service.schedule(() -> { }, 1, TimeUnit.SECONDS));
        service.shutdown();
        assertTrue(service.awaitTermination(1, TimeUnit.SECONDS));
    }
}
