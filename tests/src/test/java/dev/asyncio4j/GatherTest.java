package dev.asyncio4j;

import dev.asyncio4j.test.TestLoop;
import static dev.asyncio4j.kotlin.internal.LoopTesting.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ported from CPython's test_tasks GatherTestsBase / FutureGatherTests / CoroutineGatherTests (3.12). */
class GatherTest {
    private final EventLoop loop = Asyncio.newEventLoop();
    private final EventLoop otherLoop = Asyncio.newEventLoop();

    @AfterEach
    void close() {
        loop.close();
        otherLoop.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> Consumer<Future<T>> callback() {
        return mock(Consumer.class);
    }

    private List<Future<Integer>> futures(int n) {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(loop.createFuture());
        }
        return fs;
    }

    private void checkSuccess(boolean returnExceptions) {
        List<Future<Integer>> fs = futures(3);
        Future<? extends List<?>> fut = returnExceptions
                ? Asyncio.gatherReturnExceptions(fs) : Asyncio.gather(fs);
        @SuppressWarnings("unchecked")
        Consumer<Object> cb = mock(Consumer.class);
        fut.addDoneCallback(cb::accept);
        fs.get(1).setResult(1);
        fs.get(0).setResult(2);
        runBriefly(loop);
        verify(cb, never()).accept(fut);
        assertFalse(fut.isDone());
        fs.get(2).setResult(3);
        runBriefly(loop);
        verify(cb, times(1)).accept(fut);
        assertEquals(List.of(2, 1, 3), fut.result());
    }

    @Test
    void successKeepsArgumentOrderWhateverTheCompletionOrder() {
        checkSuccess(false);
    }

    @Test
    void resultExceptionSuccess() {
        checkSuccess(true);
    }

    @Test
    void oneExceptionFailsTheGatherAndTheOthersKeepRunning() {
        List<Future<Integer>> fs = futures(5);
        Future<List<Integer>> fut = Asyncio.gather(fs);
        Consumer<Future<List<Integer>>> cb = callback();
        fut.addDoneCallback(cb);
        ArithmeticException exc = new ArithmeticException();
        fs.get(0).setResult(1);
        fs.get(1).setException(exc);
        runBriefly(loop);
        assertTrue(fut.isDone());
        verify(cb).accept(fut);
        assertSame(exc, fut.exception());
        assertFalse(fs.get(2).isDone(), "the other children keep running");
        fs.get(2).setResult(3);
        fs.get(3).cancel();
        fs.get(4).setException(new IllegalStateException());
        fs.get(4).exception();
        runBriefly(loop);
        assertSame(exc, fut.exception());
    }

    @Test
    void returnExceptionsPutsFailuresInTheList() {
        List<Future<Integer>> fs = futures(4);
        Future<List<Object>> fut = Asyncio.gatherReturnExceptions(fs);
        ArithmeticException exc = new ArithmeticException();
        IllegalStateException exc2 = new IllegalStateException();
        fs.get(1).setResult(1);
        fs.get(2).setException(exc);
        fs.get(0).setResult(3);
        runBriefly(loop);
        assertFalse(fut.isDone());
        fs.get(3).setException(exc2);
        runBriefly(loop);
        assertEquals(Arrays.asList(3, 1, exc, exc2), fut.result());
    }

    @Test
    void oneCancellationFailsTheGatherWithCancelledErrorWithoutCancellingIt() {
        List<Future<Integer>> fs = futures(5);
        Future<List<Integer>> fut = Asyncio.gather(fs);
        Consumer<Future<List<Integer>>> cb = callback();
        fut.addDoneCallback(cb);
        fs.get(0).setResult(1);
        fs.get(1).cancel();
        runBriefly(loop);
        assertTrue(fut.isDone());
        verify(cb).accept(fut);
        assertFalse(fut.isCancelled());
        assertInstanceOf(CancelledError.class, fut.exception());
        assertThrows(CancelledError.class, fut::result);
        fs.get(2).setResult(3);
        fs.get(3).cancel();
        fs.get(4).setException(new IllegalStateException());
        fs.get(4).exception();
    }

    @Test
    void resultExceptionOneCancellation() {
        List<Future<Integer>> fs = futures(6);
        Future<List<Object>> fut = Asyncio.gatherReturnExceptions(fs);
        fs.get(0).setResult(1);
        ArithmeticException zde = new ArithmeticException();
        fs.get(1).setException(zde);
        fs.get(2).cancel();
        runBriefly(loop);
        assertFalse(fut.isDone());
        fs.get(3).setResult(3);
        fs.get(4).cancel();
        IllegalStateException rte = new IllegalStateException();
        fs.get(5).setException(rte);
        List<Object> res = new ArrayList<>(loop.runUntilComplete(fut));
        assertInstanceOf(CancelledError.class, res.get(2));
        assertInstanceOf(CancelledError.class, res.get(4));
        res.set(2, null);
        res.set(4, null);
        assertEquals(Arrays.asList(1, zde, null, 3, null, rte), res);
    }

    @Test
    void emptyGatherIsDoneAtOnceWithAnEmptyList() {
        Asyncio.setEventLoop(loop);
        try {
            Future<List<Object>> fut = Asyncio.gather();
            assertTrue(fut.isDone());
            assertSame(loop, fut.getLoop());
            assertEquals(List.of(), fut.result());
        } finally {
            Asyncio.setEventLoop(null);
        }
    }

    @Test
    void emptyGatherWithoutLoopIsIllegalState() {
        assertThrows(IllegalStateException.class, () -> Asyncio.gather());
    }

    @Test
    void emptyGatherUsesTheRunningLoop() {
        Future<List<Object>> fut = loop.runUntilComplete(() -> Asyncio.gather(List.of()));
        assertSame(loop, fut.getLoop());
        assertEquals(List.of(), fut.result());
    }

    @Test
    void heterogenousLoopsAreIllegal() {
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = otherLoop.createFuture();
        assertThrows(IllegalArgumentException.class, () -> Asyncio.gather(a, b));
    }

    @Test
    void nullFutureIsNpe() {
        Future<Integer> a = loop.createFuture();
        assertThrows(NullPointerException.class, () -> Asyncio.gather(a, null));
        assertThrows(NullPointerException.class, () -> Asyncio.gather((List<Future<Integer>>) null));
    }

    @Test
    void homogenousFuturesGatherOnTheirLoop() {
        List<Future<Integer>> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(otherLoop.createFuture());
        }
        Future<List<Integer>> fut = Asyncio.gather(children);
        assertSame(otherLoop, fut.getLoop());
        runBriefly(otherLoop);
        assertFalse(fut.isDone());
    }

    @Test
    void sameFuturePassedTwiceAppearsTwice() {
        Future<String> c = loop.createFuture();
        Future<String> d = loop.createFuture();
        Future<List<String>> fut = Asyncio.gather(c, c, d, c);
        c.setResult("abc");
        d.setResult("def");
        runBriefly(loop);
        assertEquals(List.of("abc", "abc", "def", "abc"), fut.result());
    }

    @Test
    void gatheringDoneFuturesGivesADoneFuture() {
        Future<Integer> a = loop.createFuture();
        a.setResult(1);
        Future<Integer> b = loop.createFuture();
        b.setResult(2);
        Future<List<Integer>> fut = Asyncio.gather(a, b);
        assertTrue(fut.isDone());
        assertEquals(List.of(1, 2), fut.result());
    }

    @Test
    void cancellingTheGatherCancelsEveryUnfinishedChildEvenBeforeTheLoopRan() {
        List<Future<Integer>> fs = futures(3);
        fs.get(0).setResult(1);
        Future<List<Integer>> fut = Asyncio.gather(fs);
        assertTrue(fut.cancel("stop"));
        assertTrue(fs.get(1).isCancelled());
        assertTrue(fs.get(2).isCancelled());
        assertFalse(fut.isDone(), "the gather finishes once its children are done");
        runBriefly(loop);
        CancelledError e = assertInstanceOf(CancelledError.class, fut.exception());
        assertEquals("stop", e.getMessage());
        assertFalse(fut.cancel(), "a finished gather refuses to cancel");
    }

    @Test
    void cancellingWithReturnExceptionsStillEndsInCancelledError() {
        List<Future<Integer>> fs = futures(2);
        Future<List<Object>> fut = Asyncio.gatherReturnExceptions(fs);
        assertTrue(fut.cancel());
        runBriefly(loop);
        assertInstanceOf(CancelledError.class, fut.exception());
    }

    @Test
    void cancelRefusedOnceAllChildrenAreDone() {
        // CPython test_cancel_gather_1 (Python issue #26923): the children are done, their callbacks not yet run.
        Future<Integer> child = loop.createFuture();
        Future<List<Integer>> fut = Asyncio.gather(child);
        child.setResult(42);
        assertFalse(fut.cancel());
        assertEquals(List.of(42), loop.runUntilComplete(fut));
        assertFalse(fut.isCancelled());
    }

    @Test
    void cancellationBroadcastFromTheAwaitingTask() {
        // CPython test_cancellation_broadcast.
        int[] proof = {0};
        List<Object> gatherer = new ArrayList<>();
        Future<Void> waiter = loop.createFuture();
        Task<Void> child1 = loop.createTask(() -> {
            Asyncio.await(waiter);
            proof[0] += 1;
            return null;
        });
        Task<Void> child2 = loop.createTask(() -> {
            Asyncio.await(waiter);
            proof[0] += 1;
            return null;
        });
        Task<Void> outer = loop.createTask(() -> {
            Future<List<Void>> g = Asyncio.gather(child1, child2);
            gatherer.add(g);
            Asyncio.await(g);
            proof[0] += 100;
            return null;
        });
        runBriefly(loop);
        assertTrue(outer.cancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        @SuppressWarnings("unchecked")
        Future<List<Void>> g = (Future<List<Void>>) gatherer.get(0);
        assertFalse(g.cancel());
        assertTrue(waiter.isCancelled());
        assertTrue(child1.isCancelled());
        assertTrue(child2.isCancelled());
        runBriefly(loop);
        assertEquals(0, proof[0]);
    }

    @Test
    void exceptionMarkingOfTheSecondFailure() {
        // CPython test_exception_marking: the second failure is retrieved by the gather, the first fails it.
        Future<Void> a = loop.createFuture();
        Future<Void> b = loop.createFuture();
        Task<Object> f = loop.createTask(() -> {
            Task<Object> ia = loop.createTask(() -> {
                Asyncio.await(a);
                throw new IllegalStateException("should not be ignored");
            });
            Task<Object> ib = loop.createTask(() -> {
                Asyncio.await(b);
                throw new IllegalStateException("should not be ignored");
            });
            return Asyncio.await(Asyncio.gather(ia, ib));
        });
        runBriefly(loop);
        a.setResult(null);
        runBriefly(loop);
        b.setResult(null);
        runBriefly(loop);
        assertInstanceOf(IllegalStateException.class, f.exception());
    }

    @Test
    void resultsComeInArgumentOrderForTasksFinishingInReverse() {
        List<Integer> r = Asyncio.run(() -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0.01 * (5 - n), n))));
            }
            return Asyncio.await(Asyncio.gather(tasks));
        });
        assertEquals(List.of(0, 1, 2, 3, 4), r);
    }

    @Test
    void awaitingTheGatherRethrowsTheFirstFailure() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {
            Task<Integer> slow = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0.3, 1)));
            Task<Integer> bad = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                throw new IllegalStateException("bad");
            });
            try {
                return Asyncio.await(Asyncio.gather(slow, bad));
            } finally {
                assertFalse(slow.isDone(), "the failure does not cancel the others");
                assertEquals(1, Asyncio.await(slow));
            }
        }, TestLoop::create));
        assertEquals("bad", e.getMessage());
    }

    @Test
    void cancelledTaskChildFailsTheGatherWithItsCancelledError() {
        Asyncio.run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(10, 1)));
            Future<List<Integer>> g = Asyncio.gather(t);
            Asyncio.await(Asyncio.sleep(0));
            t.cancel("child cancelled");
            CancelledError e = assertThrows(CancelledError.class, () -> Asyncio.await(g));
            assertEquals("child cancelled", e.getMessage());
            assertFalse(g.isCancelled());
            return null;
        }, TestLoop::create);
    }

    @Test
    void cancellingFromAnotherThreadWhileTheLoopRunsIsIllegalState() {
        Future<Integer> a = loop.createFuture();
        Future<List<Integer>> g = Asyncio.gather(a);
        java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Void> done = loop.createFuture();
        loop.callSoon(() -> {
            Thread t = new Thread(() -> {
                try {
                    g.cancel();
                } catch (Throwable e) {
                    seen.set(e);
                }
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            done.setResult(null);
        });
        loop.runUntilComplete(done);
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertFalse(a.isCancelled());
    }

    @Test
    void cancelMessageReachesTheGathersCaller() {
        // CPython test_cancel_gather_2: gather() propagates the CancelledError of the inner task, message included.
        for (String message : new String[] {null, "my message"}) {
            CancelledError e = assertThrows(CancelledError.class, () -> Asyncio.run(() -> {
                Task<Void> qwe = Asyncio.createTask(() -> {
                    double time = 0;
                    while (true) {
                        time += 0.05;
                        Asyncio.await(Asyncio.gatherReturnExceptions(List.of(Asyncio.sleep(0.05))));
                        if (time > 1) {
                            return null;
                        }
                    }
                });
                Asyncio.await(Asyncio.sleep(0.2));
                qwe.cancel(message);
                return Asyncio.await(qwe);
            }, TestLoop::create));
            assertEquals(message, e.getMessage());
        }
    }
}
