package dev.asyncio4j.kotlin.internal;

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

    @Test
    void fiveHundredToThreadCallsWithRandomCancellationAllEndAndTheLoopDrains() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int[] outcome = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<dev.asyncio4j.Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                long sleepMillis = random.nextInt(3);
                tasks.add(Asyncio.createTask(() -> Asyncio.await(Asyncio.toThread(() -> {
                    started.incrementAndGet();
                    Thread.sleep(sleepMillis);
                    finished.incrementAndGet();
                    return n;
                }))));
                if (random.nextInt(4) == 0) {
                    dev.asyncio4j.Task<Integer> victim = tasks.get(random.nextInt(tasks.size()));
                    loop.callLater(random.nextInt(3) / 1000.0, victim::cancel);
                }
            }
            int ok = 0;
            int cancelled = 0;
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    assertEquals(i, Asyncio.await(tasks.get(i)));
                    ok++;
                } catch (CancelledError e) {
                    cancelled++;
                }
            }
            return new int[] {ok, cancelled};
        });
        assertEquals(500, outcome[0] + outcome[1]);
        assertTrue(outcome[1] > 0);
        // Asyncio.run waited for the executor: every function that started also finished
        assertEquals(started.get(), finished.get());
        assertTrue(started.get() >= outcome[0]);
    }

    @Test
    void wrappedFuturesCompletedFromManyThreadsWhileTheLoopCancelsSome() throws Exception {
        int n = 2000;
        List<CompletableFuture<Integer>> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sources.add(new CompletableFuture<>());
        }
        int[] outcome = Asyncio.run(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<dev.asyncio4j.Future<Integer>> wrapped = new ArrayList<>();
            for (CompletableFuture<Integer> s : sources) {
                wrapped.add(Asyncio.wrapFuture(s));
            }
            List<Thread> completers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                Thread th = new Thread(() -> {
                    for (int i = first; i < n; i += 4) {
                        sources.get(i).complete(i);
                    }
                });
                completers.add(th);
                th.start();
            }
            for (int i = 0; i < n; i += 1 + random.nextInt(5)) {
                wrapped.get(i).cancel();
                Asyncio.await(Asyncio.sleep(0));
            }
            int ok = 0;
            int cancelled = 0;
            for (int i = 0; i < n; i++) {
                try {
                    assertEquals(i, Asyncio.await(wrapped.get(i)));
                    ok++;
                } catch (CancelledError e) {
                    cancelled++;
                    // cancelled on the loop side: the source was cancelled unless it had completed first
                    assertTrue(sources.get(i).isDone());
                }
            }
            for (Thread th : completers) {
                th.join();
            }
            return new int[] {ok, cancelled};
        });
        assertEquals(n, outcome[0] + outcome[1]);
        assertTrue(outcome[1] > 0);
        for (int i = 0; i < n; i++) {
            CompletableFuture<Integer> s = sources.get(i);
            assertTrue(s.isCancelled() || s.join() == i);
        }
    }
}
