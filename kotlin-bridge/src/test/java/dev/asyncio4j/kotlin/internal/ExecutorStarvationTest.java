package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default executor runs CPU-bound jobs without freezing the loop, and blocking jobs by the thousand at once
 * (issue 11). Concurrency proofs by ordering: the loop must tick while every core burns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorStarvationTest {
    /** Loop ticks (10 ms of the loop's clock each) that must happen while every burner burns. */
    private static final int TICKS = 20;

    /** A burner gives up after this long: only a frozen loop leaves it burning that long. */
    private static final long CAP_NANOS = 30_000_000_000L;

    /** Keeps the burners' arithmetic from being optimised away. */
    private static volatile long sink;

    /**
     * Burns CPU until {@code stop} is set (the loop has ticked enough) or for {@link #CAP_NANOS} at most; true if it
     * was stopped, false if it gave up (the loop could not tick while it burned).
     */
    private static boolean burnUntil(AtomicBoolean stop, CountDownLatch started) {
        started.countDown();
        long end = System.nanoTime() + CAP_NANOS;
        long x = 0;
        while (!stop.get()) {
            if (System.nanoTime() >= end) {
                sink = x;
                return false;
            }
            for (int i = 0; i < 10_000; i++) {
                x += i ^ (x >>> 3);
            }
        }
        sink = x;
        return true;
    }

    private static void assertAllStoppedByTheLoop(List<Boolean> stopped) {
        // A frozen loop never ticks while the jobs burn: they would all run to their cap (the bar is a tick
        // gap under 50 ms on an idle machine; an ordering, not a duration, is what survives a loaded one).
        assertTrue(stopped.stream().allMatch(b -> b),
                "the loop could not tick " + TICKS + " times while every core burned: " + stopped);
    }

    @Test
    void cpuBoundToThreadJobsOnEveryCoreDoNotFreezeTheLoop() {
        int burners = 2 * Runtime.getRuntime().availableProcessors();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(burners);
        List<Boolean> stopped = Asyncio.run(() -> {
            List<Future<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < burners; i++) {
                jobs.add(Asyncio.toThread(() -> burnUntil(stop, started)));
            }
            Future<List<Boolean>> all = Asyncio.gather(jobs);
            // A Java Task ticking every 10 ms of the loop's clock, counting once every core burns.
            int ticks = 0;
            while (ticks < TICKS && !all.isDone()) {
                Asyncio.await(Asyncio.sleep(0.01));
                if (started.getCount() == 0) {
                    ticks++;
                }
            }
            stop.set(true);
            return Asyncio.await(all);
        });
        assertAllStoppedByTheLoop(stopped);
    }

    @Test
    void cpuBoundRunInExecutorJobsDoNotDelayTheLoopsTimers() {
        int burners = 2 * Runtime.getRuntime().availableProcessors();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(burners);
        List<Boolean> stopped = Asyncio.run(() -> {
            var loop = Asyncio.getRunningLoop();
            List<Future<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < burners; i++) {
                jobs.add(loop.runInExecutor(null, () -> burnUntil(stop, started)));
            }
            Future<List<Boolean>> all = Asyncio.gather(jobs);
            // A plain callback chain on the loop's timers, no Task involved.
            int[] ticks = {0};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                if (started.getCount() == 0) {
                    ticks[0]++;
                }
                if (ticks[0] < TICKS && !all.isDone()) {
                    loop.callLater(0.01, tick[0]);
                } else {
                    stop.set(true);
                }
            };
            loop.callLater(0.01, tick[0]);
            return Asyncio.await(all);
        });
        assertAllStoppedByTheLoop(stopped);
    }

    @Test
    void thousandsOfBlockingToThreadJobsRunAtOnce() {
        int n = 2_000;
        CountDownLatch allStarted = new CountDownLatch(n);
        int done = Asyncio.run(() -> {
            List<Future<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                jobs.add(Asyncio.toThread(() -> {
                    allStarted.countDown();
                    // Returns true only when every job was running (blocked here) at the same time.
                    return allStarted.await(60, TimeUnit.SECONDS);
                }));
            }
            int ok = 0;
            for (boolean b : Asyncio.await(Asyncio.gather(jobs))) {
                ok += b ? 1 : 0;
            }
            return ok;
        });
        assertEquals(n, done);
    }
}
