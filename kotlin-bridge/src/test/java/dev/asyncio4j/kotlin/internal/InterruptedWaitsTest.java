package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A set interrupt flag never turns a hand-off wait into a busy spin (issue 11): the body's restore-the-flag idiom
 * followed by an await, a body that ends interrupted, and an interrupted thread running the loop. Each waiting side
 * keeps the flag and parks. On JDK 21+ a spinning body would hold a carrier the loop needs (the test hangs); on
 * JDK 17 it burns the CPU time measured here.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptedWaitsTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** CPU nanoseconds of the current thread, or -1 where the JVM cannot tell (virtual threads). */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    @Test
    void bodiesThatKeepTheirInterruptFlagAwaitWithoutSpinning() {
        LoopTesting.assumeBodiesOnThreads();
        int bodies = Runtime.getRuntime().availableProcessors() + 1;
        List<long[]> cpu = new ArrayList<>();
        List<Boolean> flags = Asyncio.run(() -> {
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < bodies; i++) {
                long[] used = {0, 0};
                cpu.add(used);
                tasks.add(Asyncio.createTask(() -> {
                    Thread.currentThread().interrupt(); // the restore-the-flag idiom
                    boolean kept = true;
                    for (int k = 0; k < 5; k++) {
                        Asyncio.await(Asyncio.sleep(0.01));
                        kept &= Thread.currentThread().isInterrupted();
                    }
                    long before = cpuNanos();
                    Asyncio.await(Asyncio.sleep(0.5));
                    long after = cpuNanos();
                    used[0] = before;
                    used[1] = after;
                    kept &= Thread.interrupted();
                    return kept;
                }));
            }
            List<Boolean> out = new ArrayList<>();
            for (Task<Boolean> t : tasks) {
                out.add(Asyncio.await(t));
            }
            return out;
        });
        for (boolean kept : flags) {
            assertTrue(kept, "a body lost its interrupt flag across an await");
        }
        for (long[] used : cpu) {
            if (used[0] >= 0) {
                long ms = (used[1] - used[0]) / 1_000_000;
                assertTrue(ms < 100, "a body burned " + ms + " ms of CPU waiting 500 ms for its turn");
            }
        }
    }

    @Test
    void bodiesThatEndInterruptedLeaveNoThreadSpinning() {
        int bodies = Runtime.getRuntime().availableProcessors() + 1;
        int ticks = Asyncio.run(() -> {
            // All alive at once, so that each ends on a thread of its own.
            var gate = Asyncio.getRunningLoop().<Void>createFuture();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < bodies; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    Asyncio.await(gate);
                    Thread.currentThread().interrupt();
                    return null;
                }));
            }
            Asyncio.await(Asyncio.sleep(0));
            gate.setResult(null);
            for (Task<Void> t : tasks) {
                Asyncio.await(t);
            }
            int n = 0;
            for (int k = 0; k < 10; k++) {
                Asyncio.await(Asyncio.sleep(0.01));
                n++;
            }
            return n;
        });
        assertEquals(10, ticks);
    }

    @Test
    void aCallerInterruptedWhileABodyStepRunsWaitsWithoutSpinningAndKeepsTheFlag() {
        LoopTesting.assumeBodiesOnThreads();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            // warm up the classes and code of this path first, so the measured run is the wait only
            runBlockingStep(loop, null);
            Thread caller = Thread.currentThread();
            long before = cpuNanos();
            runBlockingStep(loop, caller);
            long after = cpuNanos();
            assertTrue(Thread.interrupted(), "runUntilComplete() lost the caller's interrupt");
            if (before >= 0) {
                long ms = (after - before) / 1_000_000;
                assertTrue(ms < 150, "the caller's thread burned " + ms + " ms of CPU while a body step took 500 ms");
            }
        } finally {
            loop.close();
        }
    }

    /** A body step that blocks 500 ms (the loop waits for it), after interrupting {@code caller} if given. */
    private static void runBlockingStep(EventLoop loop, Thread caller) {
        loop.runUntilComplete(() -> {
            Asyncio.await(Asyncio.sleep(0));
            if (caller != null) {
                caller.interrupt();
            }
            Thread.sleep(500);
            return null;
        });
    }
}
