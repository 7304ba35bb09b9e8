package dev.asyncio4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads at once against one loop running in the background. */
class ThreadsStressTest {
    @Test
    void eightProducersOfAHundredThousandCallbacksWhileTimersRun() throws Exception {
        int producers = 8;
        int perProducer = 100_000;
        int[][] seen = new int[producers][perProducer]; // touched by the loop thread only
        int[] counts = new int[producers];
        boolean[] inOrder = {true};
        int[] ticks = {0};
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            EventLoop loop = bg.loop();
            loop.callSoonThreadsafe(new Runnable() {
                @Override
                public void run() {
                    ticks[0]++;
                    loop.callLater(0.001, this);
                }
            });
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int seq = i;
                        loop.callSoonThreadsafe(() -> {
                            int n = counts[producer]++;
                            if (n != seq) {
                                inOrder[0] = false;
                            }
                            seen[producer][n] = seq;
                        });
                    }
                }, "producer-" + p);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            // FIFO: a barrier posted after every producer finished runs after all their callbacks
            CompletableFuture<Integer> ticksAtEnd = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> ticksAtEnd.complete(ticks[0]));
            assertTrue(ticksAtEnd.get(60, TimeUnit.SECONDS) > 0, "the timers did not run");
        }
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, counts[p], "producer " + p + " lost callbacks");
        }
        assertTrue(inOrder[0], "a producer's callbacks ran out of order");
    }

    @Test
    void aThousandRunCoroutineThreadsafeCallsFromFourThreadsWithRandomCancelsAllEnd() throws Exception {
        int threads = 4;
        int perThread = 250;
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            EventLoop loop = bg.loop();
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int w = 0; w < threads; w++) {
                Thread t = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    List<CompletableFuture<Integer>> mine = new ArrayList<>();
                    List<Integer> expected = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int n = random.nextInt(1_000_000);
                        double delay = random.nextInt(5) / 1000.0;
                        CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(() -> {
                            Asyncio.await(Asyncio.sleep(delay));
                            return n;
                        }, loop);
                        mine.add(f);
                        expected.add(n);
                        if (random.nextInt(3) == 0) {
                            mine.get(random.nextInt(mine.size())).cancel(random.nextBoolean());
                        }
                    }
                    for (int i = 0; i < mine.size(); i++) {
                        try {
                            assertEquals(expected.get(i), mine.get(i).get(30, TimeUnit.SECONDS));
                            completed.incrementAndGet();
                        } catch (CancellationException e) {
                            cancelled.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }, "submitter-" + w);
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                t.join();
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(threads * perThread, completed.get() + cancelled.get());
            assertTrue(cancelled.get() > 0);
            // nothing left behind on the loop: every cancelled future's task was cancelled too
            int left = bg.call(() -> {
                while (Asyncio.allTasks().size() > 1) {
                    Asyncio.await(Asyncio.sleep(0.01));
                }
                return Asyncio.allTasks().size();
            });
            assertEquals(1, left);
        }
    }

    @Test
    void cancelledFuturesAlwaysCancelTheirTask() throws Exception {
        // A cancel racing the task's creation must never leave a task running to completion unobserved.
        AtomicInteger ranToEnd = new AtomicInteger();
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            List<CompletableFuture<Object>> fs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                CompletableFuture<Object> f = Asyncio.runCoroutineThreadsafe(() -> {
                    try {
                        Asyncio.await(Asyncio.sleep(10));
                    } catch (CancelledError e) {
                        throw e;
                    }
                    ranToEnd.incrementAndGet();
                    return null;
                }, bg.loop());
                if (i % 2 == 0) {
                    Thread.onSpinWait();
                }
                f.cancel(false);
                fs.add(f);
            }
            for (CompletableFuture<Object> f : fs) {
                assertTrue(f.isCancelled());
                try {
                    f.get(1, TimeUnit.SECONDS);
                } catch (CancellationException expected) {
                    // expected
                } catch (ExecutionException e) {
                    throw e;
                }
            }
            int left = bg.call(() -> {
                for (int i = 0; i < 100 && Asyncio.allTasks().size() > 1; i++) {
                    Asyncio.await(Asyncio.sleep(0.01));
                }
                return Asyncio.allTasks().size();
            });
            assertEquals(1, left);
        }
        assertFalse(ranToEnd.get() > 0);
    }
}
