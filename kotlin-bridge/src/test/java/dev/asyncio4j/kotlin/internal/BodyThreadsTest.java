package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The coroutine threads of Java bodies (see BodyIsolationTest for what a body never sees of another's): a new virtual
 * thread per body on JDK 21+, reused platform threads (wiped between bodies) on JDK 17.
 */
class BodyThreadsTest {
    @Test
    void onJdk21ABodyNeverRunsOnAThreadAnotherBodyUsed() {
        LoopTesting.assumeBodiesOnThreads();
        assumeTrue(VirtualThreads.available(), "JDK 17 reuses platform threads (wiped between bodies)");
        Thread[] seen = new Thread[2];
        Asyncio.run(() -> {
            Asyncio.await(Asyncio.createTask(() -> seen[0] = Thread.currentThread()));
            Asyncio.await(Asyncio.createTask(() -> seen[1] = Thread.currentThread()));
            return null;
        });
        assertNotSame(seen[0], seen[1]);
    }

    @Test
    void concurrentBodiesNeverShareAThread() {
        LoopTesting.assumeBodiesOnThreads();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        int n = 50;
        Asyncio.run(() -> {
            Future<Void> gate = Asyncio.getRunningLoop().createFuture();
            List<Task<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    threads.add(Thread.currentThread());
                    Asyncio.await(gate);
                    return null;
                }));
            }
            Asyncio.await(Asyncio.sleep(0));
            gate.setResult(null);
            for (Task<Object> t : tasks) {
                Asyncio.await(t);
            }
            return null;
        });
        assertEquals(n, threads.size());
    }

    @Test
    void onJdk21ABodysThreadEndsWithTheBody() throws InterruptedException {
        LoopTesting.assumeBodiesOnThreads();
        assumeTrue(VirtualThreads.available(), "JDK 17 keeps idle platform threads for the next body");
        Thread[] seen = new Thread[1];
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.runUntilComplete(() -> Asyncio.await(Asyncio.createTask(() -> seen[0] = Thread.currentThread())));
            seen[0].join(10_000);
            assertFalse(seen[0].isAlive(), "a coroutine thread outlived its body");
        } finally {
            loop.close();
        }
    }

    @Test
    void aLoopRunAgainAfterStoppingRunsBodiesThatWork() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertEquals("first", loop.runUntilComplete(() -> "first"));
            assertEquals("second", loop.runUntilComplete(() -> {
                Asyncio.await(Asyncio.sleep(0));
                return "second";
            }));
        } finally {
            loop.close();
        }
    }

    @Test
    void anInterruptLeftByOneBodyDoesNotReachTheNext() {
        LoopTesting.assumeBodiesOnThreads();
        boolean interrupted = Asyncio.run(() -> {
            Asyncio.await(Asyncio.createTask(() -> {
                Thread.currentThread().interrupt();
                return null;
            }));
            return Asyncio.await(Asyncio.createTask(() -> Thread.currentThread().isInterrupted()));
        });
        assertFalse(interrupted);
    }

    @Test
    void manyShortBodiesSeeTheirOwnTaskAndLoop() {
        int n = 2_000;
        Random random = new Random(7);
        int[] mismatches = {0};
        int[] cancelled = {0};
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int awaits = random.nextInt(3);
                int id = i;
                @SuppressWarnings({"unchecked", "rawtypes"})
                Task<Integer>[] self = new Task[1];
                self[0] = Asyncio.createTask(() -> {
                    for (int k = 0; k < awaits; k++) {
                        Asyncio.await(Asyncio.sleep(0));
                        if (Asyncio.currentTask() != self[0] || Asyncio.getRunningLoop() != loop) {
                            mismatches[0]++;
                        }
                    }
                    if (Asyncio.currentTask() != self[0]) {
                        mismatches[0]++;
                    }
                    return id;
                });
                tasks.add(self[0]);
                if (random.nextInt(10) == 0) {
                    Asyncio.await(Asyncio.sleep(0));
                }
            }
            for (int i = 0; i < n; i += 7) {
                tasks.get(i).cancel();
            }
            for (int i = 0; i < n; i++) {
                Task<Integer> t = tasks.get(i);
                try {
                    assertEquals(i, Asyncio.await(t));
                } catch (dev.asyncio4j.CancelledError e) {
                    cancelled[0]++;
                }
            }
            return null;
        });
        assertEquals(0, mismatches[0]);
        assertTrue(cancelled[0] > 0 && cancelled[0] <= (n + 6) / 7, "cancelled: " + cancelled[0]);
    }
}
