package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a platform-thread loop (JDK 17), the loop spins only briefly, bounded in time, while it waits for a body step
 * to hand back; steps that block cost it no CPU beyond that (issue 11: 20,000 onSpinWait per step, ~0.5 ms each).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlatformLoopSpinTest {
    private static final int STEPS = 500;

    @Test
    void bodyStepsThatBlockCostTheLoopAlmostNoCpu() {
        assumeTrue(!VirtualThreads.available() || !EventLoopImpl.USE_VIRTUAL_CARRIER,
                "the loop runs on a virtual thread here: it parks, it never spins");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isCurrentThreadCpuTimeSupported());
        EventLoop loop = Asyncio.newEventLoop();
        try {
            runBlockingSteps(loop, STEPS / 5); // warm-up: class loading and JIT are not the loop's waiting
            long before = threads.getCurrentThreadCpuTime();
            runBlockingSteps(loop, STEPS);
            long ms = (threads.getCurrentThreadCpuTime() - before) / 1_000_000;
            // Spinning 0.5 ms per step would cost 250 ms; waking the body and parking cost a few µs per step.
            assertTrue(ms < 100, "the loop's thread burned " + ms + " ms of CPU over " + STEPS
                    + " body steps that each block 2 ms");
        } finally {
            loop.close();
        }
    }

    private static void runBlockingSteps(EventLoop loop, int steps) {
        loop.runUntilComplete(() -> {
            for (int i = 0; i < steps; i++) {
                Thread.sleep(2);
                Asyncio.await(Asyncio.sleep(0));
            }
            return null;
        });
    }
}
