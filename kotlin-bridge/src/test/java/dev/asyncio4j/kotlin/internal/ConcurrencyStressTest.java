package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many Java tasks at once, with cancellation landing at random await points. */
class ConcurrencyStressTest {
    /** 10,000 concurrent Java bodies where threads are virtual; 1,000 platform threads on JDK 17. */
    private static final int JAVA_TASKS = VirtualThreads.available() ? 10_000 : 1_000;

    @Test
    void manyConcurrentJavaTasksNoneLost() {
        AtomicInteger finished = new AtomicInteger();
        long sum = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Integer> gate = loop.createFuture();
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < JAVA_TASKS; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0));
                    int g = Asyncio.await(gate);
                    Asyncio.await(Asyncio.sleep(0.001 * (n % 20)));
                    finished.incrementAndGet();
                    return n + g;
                }));
            }
            Asyncio.await(Asyncio.sleep(0.05));
            // every task is parked on the gate now: that is JAVA_TASKS live coroutine threads
            assertEquals(JAVA_TASKS + 1, Asyncio.allTasks().size());
            gate.setResult(0);
            long total = 0;
            for (Task<Integer> t : tasks) {
                total += Asyncio.await(t);
            }
            return total;
        });
        assertEquals((long) JAVA_TASKS * (JAVA_TASKS - 1) / 2, sum);
        assertEquals(JAVA_TASKS, finished.get());
    }

    @Test
    void randomCancellationAtEveryAwaitPoint() {
        int tasksCount = VirtualThreads.available() ? 3_000 : 500;
        Random random = new Random(42);
        AtomicInteger bodiesSawCancel = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger neverStarted = new AtomicInteger();
        int[] outcome = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Task<Integer>> tasks = new ArrayList<>();
            List<boolean[]> started = new ArrayList<>();
            for (int i = 0; i < tasksCount; i++) {
                int awaits = 1 + random.nextInt(6);
                boolean[] didStart = new boolean[1];
                started.add(didStart);
                tasks.add(Asyncio.createTask(() -> {
                    didStart[0] = true;
                    try {
                        for (int k = 0; k < awaits; k++) {
                            if (k % 2 == 0) {
                                Asyncio.await(Asyncio.sleep(0));
                            } else {
                                Asyncio.await(Asyncio.sleep(0.001));
                            }
                        }
                    } catch (CancelledError e) {
                        bodiesSawCancel.incrementAndGet();
                        throw e;
                    }
                    completed.incrementAndGet();
                    return awaits;
                }));
            }
            for (Task<Integer> t : tasks) {
                double when = random.nextDouble() * 0.01;
                if (random.nextBoolean()) {
                    loop.callLater(when, t::cancel);
                } else if (random.nextInt(10) == 0) {
                    t.cancel();
                }
            }
            int cancelled = 0;
            int succeeded = 0;
            for (int i = 0; i < tasks.size(); i++) {
                Task<Integer> t = tasks.get(i);
                try {
                    Asyncio.await(t);
                    succeeded++;
                } catch (CancelledError e) {
                    cancelled++;
                    if (!started.get(i)[0]) {
                        neverStarted.incrementAndGet();
                    }
                }
                assertTrue(t.isDone());
            }
            return new int[] {cancelled, succeeded};
        });
        assertEquals(tasksCount, outcome[0] + outcome[1], "every task ended");
        assertEquals(outcome[1], completed.get(), "a task succeeded exactly when its body completed");
        assertEquals(outcome[0], bodiesSawCancel.get() + neverStarted.get(),
                "each cancelled task either saw CancelledError at an await or never started");
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "the mix exercised both paths: " + outcome[0] + "/" + outcome[1]);
    }
}
