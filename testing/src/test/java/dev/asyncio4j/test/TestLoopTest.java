package dev.asyncio4j.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TestLoop's clock and stepping; the ordering cases of CPython's test_events timers on it. */
class TestLoopTest {
    private final TestLoop loop = TestLoop.create();

    @AfterEach
    void close() {
        if (!loop.isClosed()) loop.close();
    }

    @Test
    void theClockStartsAtZeroAndStandsStill() {
        assertEquals(0.0, loop.time());
        loop.runReady();
        assertEquals(0.0, loop.time());
        assertTrue(loop.isAutojump());
    }

    @Test
    void advanceRunsTimersAtTheirExactDeadlinesInOrder() {
        List<String> seen = new ArrayList<>();
        loop.callLater(3.0, () -> seen.add("c@" + loop.time()));
        loop.callLater(1.0, () -> seen.add("a@" + loop.time()));
        loop.callAt(2.5, () -> seen.add("b@" + loop.time()));
        loop.callLater(1.0, () -> seen.add("a2@" + loop.time()));
        loop.callLater(7.0, () -> seen.add("late@" + loop.time()));
        loop.advance(3.0);
        assertEquals(List.of("a@1.0", "a2@1.0", "b@2.5", "c@3.0"), seen);
        assertEquals(3.0, loop.time());
        loop.advanceTo(6.5);
        assertEquals(4, seen.size());
        assertEquals(6.5, loop.time());
        loop.advance(0.5);
        assertEquals("late@7.0", seen.get(4));
    }

    @Test
    void advanceRunsWhatTimersMakeReadyOnTheWay() {
        List<String> seen = new ArrayList<>();
        loop.callLater(1.0, () -> {
            seen.add("timer@" + loop.time());
            loop.callSoon(() -> seen.add("soon@" + loop.time()));
            loop.callLater(0.5, () -> seen.add("chained@" + loop.time()));
        });
        loop.advance(2.0);
        assertEquals(List.of("timer@1.0", "soon@1.0", "chained@1.5"), seen);
    }

    @Test
    void runReadyRunsNewlyReadyWorkButKeepsTheClock() {
        List<Integer> seen = new ArrayList<>();
        loop.callSoon(() -> {
            seen.add(1);
            loop.callSoon(() -> seen.add(2));
        });
        loop.callLater(0.1, () -> seen.add(3));
        loop.runReady();
        assertEquals(List.of(1, 2), seen);
        assertEquals(0.0, loop.time());
    }

    @Test
    void runUntilIdleJumpsThroughEveryTimerButNeverToInfinity() {
        List<Double> seen = new ArrayList<>();
        loop.callLater(10.0, () -> seen.add(loop.time()));
        loop.callLater(5.0, () -> loop.callLater(100.0, () -> seen.add(loop.time())));
        loop.callAt(Double.POSITIVE_INFINITY, () -> seen.add(-1.0));
        loop.runUntilIdle();
        assertEquals(List.of(10.0, 105.0), seen);
        assertEquals(105.0, loop.time());
    }

    @Test
    void autojumpSkipsAnHourOfSleep() {
        double woke = loop.runUntilComplete(loop.createTask(() -> {
            Asyncio.await(Asyncio.sleep(3600));
            return loop.time();
        }));
        assertEquals(3600.0, woke);
    }

    @Test
    void withoutAutojumpTimersFireOnlyThroughTheStepping() {
        loop.setAutojump(false);
        Task<Double> sleeper = loop.createTask(() -> {
            Asyncio.await(Asyncio.sleep(10));
            return loop.time();
        });
        loop.runReady();
        assertFalse(sleeper.isDone());
        loop.advance(9.999);
        assertFalse(sleeper.isDone());
        loop.advance(0.001);
        assertTrue(sleeper.isDone());
        assertEquals(10.0, sleeper.result(), 1e-9);
    }

    @Test
    void codeOnTheLoopMayAdvanceTheClock() {
        List<Double> seen = new ArrayList<>();
        loop.callLater(5.0, () -> seen.add(loop.time()));
        loop.setAutojump(false);
        loop.callSoon(() -> loop.advance(5.0));
        loop.runReady();
        assertEquals(List.of(5.0), seen);
    }

    @Test
    void theClockNeverGoesBack() {
        loop.advance(2);
        assertThrows(IllegalArgumentException.class, () -> loop.advance(-1));
        assertThrows(IllegalArgumentException.class, () -> loop.advanceTo(1.0));
        assertThrows(IllegalArgumentException.class, () -> loop.advance(Double.NaN));
        assertEquals(2.0, loop.time());
    }

    @Test
    void aClosedLoopRefusesToStep() {
        loop.close();
        assertThrows(IllegalStateException.class, loop::runReady);
        assertThrows(IllegalStateException.class, () -> loop.advance(1));
    }

    @Test
    void autojumpNeverJumpsPastAnExecutorJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread releaser = new Thread(() -> {
            try {
                started.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        // Jumping over the job would fire the 5 s timeout at once, in virtual time.
        String result = loop.runUntilComplete(loop.createTask(() -> Asyncio.await(Asyncio.waitFor(Asyncio.toThread(() -> {
            started.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS));
            return "job";
        }), 5.0))));
        releaser.join();
        assertEquals("job", result);
        assertEquals(0.0, loop.time());
    }

    @Test
    void afterTheJobTheClockJumpsAgain() {
        double[] times = loop.runUntilComplete(loop.createTask(() -> {
            int v = Asyncio.await(loop.runInExecutor(null, () -> 42));
            double t1 = loop.time();
            Asyncio.await(Asyncio.sleep(60));
            return new double[] {v, t1, loop.time()};
        }));
        assertEquals(42, times[0]);
        assertEquals(0.0, times[1]);
        assertEquals(60.0, times[2]);
    }

    @Test
    void runWithATestLoopFactoryRunsTheProgramInVirtualTime() {
        double woke = Asyncio.run(() -> {
            Asyncio.await(Asyncio.sleep(86_400));
            return Asyncio.getRunningLoop().time();
        }, TestLoop::create);
        assertEquals(86_400.0, woke);
    }

    @Test
    void runChecksTheFactorysLoop() {
        assertThrows(NullPointerException.class, () -> Asyncio.run(() -> 1, () -> null));
        TestLoop closed = TestLoop.create();
        closed.close();
        assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> 1, () -> closed));
        assertThrows(NullPointerException.class, () -> Asyncio.run(() -> 1, (java.util.function.Supplier<EventLoop>) null));
    }

    // ------------------------------------------------------------ CPython test_tasks, on the virtual clock

    /** test_wait_for: the inner sleep(0.2) is cancelled when the 0.1 timeout fires, at exactly 0.1. */
    @Test
    void waitForTimesOutAtItsDeadline() {
        double[] at = new double[1];
        Task<Void> foo = loop.createTask(() -> {
            Asyncio.await(Asyncio.sleep(0.2));
            return null;
        });
        assertThrows(TimeoutError.class, () -> loop.runUntilComplete(loop.createTask(() -> {
            try {
                return Asyncio.await(Asyncio.waitFor(foo, 0.1));
            } finally {
                at[0] = loop.time();
            }
        })));
        assertEquals(0.1, at[0], 1e-9);
        assertTrue(foo.isCancelled());
    }

    /** test_wait_for_timeout_less_then_0_or_0_future_done: a done Future wins over a zero timeout. */
    @Test
    void waitForWithAZeroTimeoutTakesADoneResult() {
        int result = loop.runUntilComplete(loop.createTask(() -> {
            Future<Integer> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(7);
            return Asyncio.await(Asyncio.waitFor(done, 0));
        }));
        assertEquals(7, result);
        assertEquals(0.0, loop.time());
    }

    /** test_as_completed_with_timeout: 'a' at 0.1, then the timeout at 0.12 while 'b' still sleeps. */
    @Test
    void asCompletedTimesOutOnTheVirtualClock() {
        List<String> seen = new ArrayList<>();
        loop.runUntilComplete(loop.createTask(() -> {
            List<Future<String>> fs = List.of(Asyncio.sleep(0.1, "a"), Asyncio.sleep(0.15, "b"));
            try {
                for (Future<String> f : Asyncio.asCompleted(fs, 0.12)) {
                    seen.add(Asyncio.await(f) + "@" + loop.time());
                }
            } catch (TimeoutError e) {
                seen.add("timeout@" + loop.time());
            }
            return null;
        }));
        assertEquals(List.of("a@0.1", "timeout@0.12"), seen);
    }

    /** test_as_completed: results in completion order, each at its own time. */
    @Test
    void asCompletedYieldsInCompletionOrder() {
        List<String> seen = new ArrayList<>();
        loop.runUntilComplete(loop.createTask(() -> {
            List<Future<String>> fs = List.of(Asyncio.sleep(0.1, "a"), Asyncio.sleep(0.05, "b"), Asyncio.sleep(0.15, "c"));
            for (Future<String> f : Asyncio.asCompleted(fs)) seen.add(Asyncio.await(f) + "@" + loop.time());
            return null;
        }));
        assertEquals(List.of("b@0.05", "a@0.1", "c@0.15"), seen);
    }

    /** test_wait_for_race_condition: the result arrives at the timeout's deadline: the result wins. */
    @Test
    void aResultAtTheTimeoutsDeadlineWins() {
        String result = loop.runUntilComplete(loop.createTask(() -> {
            Future<String> fut = Asyncio.getRunningLoop().createFuture();
            Future<String> waiter = Asyncio.waitFor(fut, 0.5);
            loop.callLater(0.1, () -> fut.setResult("done"));
            return Asyncio.await(waiter);
        }));
        assertEquals("done", result);
        assertEquals(0.1, loop.time(), 1e-9);
    }

    /** Queue.get and Lock.acquire under waitFor: the waits follow the same clock. */
    @Test
    void queueAndLockWaitsTimeOutOnTheClock() {
        List<String> seen = new ArrayList<>();
        loop.runUntilComplete(loop.createTask(() -> {
            dev.asyncio4j.Queue<String> queue = new dev.asyncio4j.Queue<>();
            try {
                Asyncio.await(Asyncio.waitFor(queue.get(), 30));
            } catch (TimeoutError e) {
                seen.add("queue@" + loop.time());
            }
            dev.asyncio4j.Lock lock = new dev.asyncio4j.Lock();
            Asyncio.await(lock.acquire());
            try {
                Asyncio.await(Asyncio.waitFor(lock.acquire(), 15));
            } catch (TimeoutError e) {
                seen.add("lock@" + loop.time());
            }
            Asyncio.withTimeout(Duration.ofMinutes(2), () -> {
                Asyncio.await(Asyncio.sleep(60));
                seen.add("inTime@" + loop.time());
                return null;
            });
            return null;
        }));
        assertEquals(List.of("queue@30.0", "lock@45.0", "inTime@105.0"), seen);
    }
}
