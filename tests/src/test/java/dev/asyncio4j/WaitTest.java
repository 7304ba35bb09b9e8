package dev.asyncio4j;

import dev.asyncio4j.test.TestLoop;
import dev.asyncio4j.kotlin.internal.LoopTesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.ReturnWhen;
import dev.asyncio4j.Task;
import dev.asyncio4j.WaitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Ported from CPython 3.12's test_tasks {@code test_wait*}. Times are read from the loop's clock. */
class WaitTest {
    private static Task<Void> sleeper(double seconds) {
        return Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(seconds)));
    }

    @Test
    void waitsForAll() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            Task<Void> a = sleeper(0.1);
            Task<Void> b = sleeper(0.15);
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), r.done());
            assertEquals(Set.of(), r.pending());
            assertTrue(loop.time() - t0 >= 0.15);
            // Doing it again takes no time and exercises the path where everything is done.
            double t1 = loop.time();
            WaitResult<Void> again = Asyncio.await(Asyncio.wait(List.of(b, a)));
            assertEquals(Set.of(a, b), again.done());
            assertTrue(loop.time() - t1 < 1.0);
            return null;
        });
    }

    @Test
    void doneAndPendingKeepInsertionOrder() {
        Asyncio.run(() -> {
            Task<Void> a = sleeper(0.02);
            Task<Void> b = sleeper(0.01);
            Task<Void> c = sleeper(10);
            Task<Void> d = sleeper(0.03);
            Task<Void> e = sleeper(10);
            Asyncio.await(Asyncio.sleep(0));
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(e, d, c, b, a), 0.2, ReturnWhen.ALL_COMPLETED));
            assertEquals(List.of(d, b, a), new ArrayList<>(r.done()));
            assertEquals(List.of(e, c), new ArrayList<>(r.pending()));
            assertThrows(UnsupportedOperationException.class, () -> r.done().clear());
            c.cancel();
            e.cancel();
            return null;
        });
    }

    @Test
    void duplicateFuturesCountOnce() {
        Asyncio.run(() -> {
            Task<String> c = Asyncio.createTask(() -> "test");
            Task<String> spam = Asyncio.createTask(() -> "spam");
            WaitResult<String> r = Asyncio.await(Asyncio.wait(List.of(c, c, spam)));
            assertTrue(r.pending().isEmpty());
            assertEquals(Set.of("test", "spam"), r.done().stream().map(Future::result).collect(Collectors.toSet()));
            assertEquals(2, r.done().size());
            return null;
        });
    }

    @Test
    void errors() {
        Asyncio.run(() -> {
            assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.of()));
            Future<Void> f = Asyncio.sleep(10);
            assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(f), null, null));
            assertThrows(NullPointerException.class, () -> Asyncio.wait(null));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.of(f), Double.NaN, ReturnWhen.ALL_COMPLETED));
            f.cancel();
            return null;
        }, TestLoop::create);
    }

    @Test
    void firstCompleted() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            Task<Void> a = sleeper(10.0);
            Task<Void> b = sleeper(0.1);
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(b, a), null, ReturnWhen.FIRST_COMPLETED));
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            assertFalse(a.isDone());
            assertTrue(b.isDone());
            assertNull(b.result());
            // On the loop's virtual clock: the wait ended exactly at b's deadline.
            assertEquals(0.1, loop.time() - t0);
            a.cancel();
            return null;
        }, TestLoop::create);
    }

    @Test
    void reallyDoneIncludesFuturesThatFinishedWhileTheWaitWokeUp() {
        // Some Futures in the pending list became done but their callbacks have not all been called yet.
        Asyncio.run(() -> {
            Task<Void> a = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0)));
            Task<Void> b = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0));
                return Asyncio.await(Asyncio.sleep(0));
            });
            Task<WaitResult<Void>> task = Asyncio.createTask(
                    () -> Asyncio.await(Asyncio.wait(List.of(b, a), null, ReturnWhen.FIRST_COMPLETED)));
            WaitResult<Void> r = Asyncio.await(task);
            assertEquals(Set.of(a, b), r.done());
            return null;
        });
    }

    @Test
    void firstExceptionWhenATaskAlreadyFailed() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            Task<Void> a = sleeper(10.0);
            Task<Void> b = Asyncio.createTask(() -> {
                throw new ArithmeticException("err");
            });
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(b, a), null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            assertTrue(loop.time() - t0 < 5);
            a.cancel();
            return null;
        });
    }

    @Test
    void firstExceptionDuringTheWait() {
        Asyncio.run(() -> {
            Task<Void> a = sleeper(10.0);
            Task<Void> b = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                throw new ArithmeticException("err");
            });
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(b, a), null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(Set.of(b), r.done());
            assertEquals(Set.of(a), r.pending());
            a.cancel();
            return null;
        });
    }

    @Test
    void firstExceptionWithoutAnyExceptionWaitsForAll() {
        Asyncio.run(() -> {
            Task<Void> a = sleeper(0.01);
            Task<Void> b = sleeper(0.02);
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(Set.of(a, b), r.done());
            return null;
        });
    }

    @Test
    void withException() {
        Asyncio.run(() -> {
            Task<Void> a = sleeper(0.1);
            Task<Void> b = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.15));
                throw new ArithmeticException("really");
            });
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(b, a)));
            assertEquals(2, r.done().size());
            assertTrue(r.pending().isEmpty());
            assertEquals(1, r.done().stream().filter(f -> f.exception() != null).count());
            return null;
        }, TestLoop::create);
    }

    @Test
    void withTimeoutNeverRaisesAndNeverCancels() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            Task<Void> a = sleeper(0.1);
            Task<Void> b = sleeper(0.5);
            Asyncio.await(Asyncio.sleep(0)); // both sleeps started before the wait's timer
            WaitResult<Void> r = Asyncio.await(Asyncio.wait(List.of(b, a), 0.11, ReturnWhen.ALL_COMPLETED));
            double elapsed = loop.time() - t0;
            assertEquals(Set.of(a), r.done());
            assertEquals(Set.of(b), r.pending());
            assertTrue(elapsed >= 0.11, "elapsed " + elapsed);
            assertFalse(b.isCancelled());
            Asyncio.await(b);
            return null;
        });
    }

    @Test
    void concurrentCompleteFromOutsideATask() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            List<Task<Void>> ts = new ArrayList<>();
            ts.add(loop.createTask(() -> Asyncio.await(Asyncio.sleep(0.05))));
            ts.add(loop.createTask(() -> Asyncio.await(Asyncio.sleep(0.3))));
            WaitResult<Void> r = loop.runUntilComplete(Asyncio.wait(List.of(ts.get(1), ts.get(0)), 0.1,
                    ReturnWhen.ALL_COMPLETED));
            assertEquals(Set.of(ts.get(0)), r.done());
            assertEquals(Set.of(ts.get(1)), r.pending());
            loop.runUntilComplete(Asyncio.wait(ts));
        } finally {
            loop.close();
        }
    }

    @Test
    void cancellingTheWaitLeavesTheFuturesAlone() {
        Asyncio.run(() -> {
            Task<Void> a = sleeper(0.05);
            Future<WaitResult<Void>> w = Asyncio.wait(List.of(a));
            assertTrue(w.cancel());
            assertFalse(a.isCancelled());
            Asyncio.await(a);
            assertTrue(w.isCancelled());
            return null;
        });
    }

    @Test
    void manyTasks() {
        Asyncio.run(() -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> n));
            }
            WaitResult<Integer> r = Asyncio.await(Asyncio.wait(tasks, null, ReturnWhen.ALL_COMPLETED));
            assertEquals(10, r.done().size());
            assertEquals(0, r.pending().size());
            return null;
        });
    }

    @Test
    void cancellingTheWaitingTaskDoesNotCancelWhatItWaitsFor() {
        // CPython test_yield_wait_does_not_shield_cancel: wait() returns early, inner() keeps running.
        EventLoop loop = Asyncio.newEventLoop();
        try {
            int[] proof = {0};
            Future<Void> waiter = loop.createFuture();
            Task<Void> f = loop.createTask(() -> {
                Task<Void> inner = Asyncio.createTask(() -> {
                    Asyncio.await(waiter);
                    proof[0] += 1;
                    return null;
                });
                Asyncio.await(Asyncio.wait(List.of(inner)));
                proof[0] += 100;
                return null;
            });
            LoopTesting.runBriefly(loop);
            f.cancel();
            assertThrows(dev.asyncio4j.CancelledError.class, () -> loop.runUntilComplete(f));
            waiter.setResult(null);
            LoopTesting.runBriefly(loop);
            assertEquals(1, proof[0]);
        } finally {
            loop.close();
        }
    }
}
