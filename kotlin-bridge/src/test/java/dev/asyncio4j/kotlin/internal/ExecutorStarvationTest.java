package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default executor runs CPU-bound jobs without freezing the loop, and blocking jobs by the thousand at once
 * (issue 11). Concurrency proofs: the bounds are generous, the failures they catch are not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorStarvationTest {
    private static final double BURN_SECONDS = 2.0;

    /** Burns CPU for about {@code seconds} of wall time. */
    private static long burn(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += i ^ (x >>> 3);
            }
        }
        return x;
    }

    @Test
    void cpuBoundToThreadJobsOnEveryCoreDoNotFreezeTheLoop() {
        int burners = 2 * Runtime.getRuntime().availableProcessors();
        double longestGap = Asyncio.run(() -> {
            List<Future<Long>> jobs = new ArrayList<>();
            for (int i = 0; i < burners; i++) {
                jobs.add(Asyncio.toThread(() -> burn(BURN_SECONDS)));
            }
            Future<List<Long>> all = Asyncio.gather(jobs);
            double gap = 0;
            double last = Asyncio.getRunningLoop().time();
            // A Java Task ticking every 10 ms of the loop's clock while every core burns.
            while (!all.isDone()) {
                Asyncio.await(Asyncio.sleep(0.01));
                double now = Asyncio.getRunningLoop().time();
                gap = Math.max(gap, now - last);
                last = now;
            }
            Asyncio.await(all);
            return gap;
        });
        // Frozen, the loop would not tick until the jobs end (a gap of ~BURN_SECONDS); the bar is 50 ms on
        // an idle machine, this bound leaves room for a loaded one.
        assertTrue(longestGap < BURN_SECONDS / 4, "the loop stalled for " + longestGap + " s while jobs burned CPU");
    }

    @Test
    void cpuBoundRunInExecutorJobsDoNotDelayTheLoopsTimers() {
        int burners = 2 * Runtime.getRuntime().availableProcessors();
        double[] gap = {0};
        Asyncio.run(() -> {
            var loop = Asyncio.getRunningLoop();
            List<Future<Long>> jobs = new ArrayList<>();
            for (int i = 0; i < burners; i++) {
                jobs.add(loop.runInExecutor(null, () -> burn(BURN_SECONDS)));
            }
            Future<List<Long>> all = Asyncio.gather(jobs);
            // A plain callback chain on the loop's timers, no Task involved.
            double[] last = {loop.time()};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                double now = loop.time();
                gap[0] = Math.max(gap[0], now - last[0]);
                last[0] = now;
                if (!all.isDone()) {
                    loop.callLater(0.01, tick[0]);
                }
            };
            loop.callLater(0.01, tick[0]);
            return Asyncio.await(all);
        });
        assertTrue(gap[0] < BURN_SECONDS / 4, "the loop stalled for " + gap[0] + " s while jobs burned CPU");
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
