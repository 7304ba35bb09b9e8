package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.kotlin.stacks.SteppingBodies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ports of CPython's test_tasks cases for Java coroutine Tasks. */
class TaskTest extends LoopTestSupport {
    @Test
    void defaultNamesAreTaskN() {
        Task<Integer> a = loop.createTask(() -> 1);
        Task<Integer> b = loop.createTask(() -> 2);
        assertTrue(a.getName().matches("Task-\\d+"), a.getName());
        int na = Integer.parseInt(a.getName().substring(5));
        assertEquals("Task-" + (na + 1), b.getName());
        Task<Integer> named = loop.createTask(() -> 3, "worker");
        assertEquals("worker", named.getName());
        named.setName("renamed");
        assertEquals("renamed", named.getName());
        assertThrows(NullPointerException.class, () -> named.setName(null));
        runBriefly();
    }

    @Test
    void reprThroughItsStates() {
        Task<Integer> ok = loop.createTask(() -> 1, "Task-ok");
        Task<Integer> failed = loop.createTask(() -> {
            throw new IllegalStateException("boom");
        }, "Task-bad");
        Task<Integer> cancelled = loop.createTask(() -> 1, "Task-c");
        assertEquals("<Task pending name='Task-ok'>", ok.toString());
        cancelled.cancel();
        runBriefly();
        assertEquals("<Task finished name='Task-ok' result=1>", ok.toString());
        assertEquals("<Task finished name='Task-bad' exception=java.lang.IllegalStateException: boom>",
                failed.toString());
        assertEquals("<Task cancelled name='Task-c'>", cancelled.toString());
        failed.exception();
    }

    @Test
    void firstStepsRunOnALaterIterationInCreationOrder() {
        List<String> order = new ArrayList<>();
        loop.callSoon(() -> {
            loop.createTask(() -> order.add("t1"));
            loop.createTask(() -> order.add("t2"));
            order.add("creator");
            loop.callSoon(() -> order.add("callSoon after creation"));
        });
        runBriefly();
        assertEquals(List.of("creator", "t1", "t2", "callSoon after creation"), order);
    }

    @Test
    void resultAndAwaitChain() {
        int result = loop.runUntilComplete(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                return 20;
            });
            Task<Integer> outer = Asyncio.createTask(() -> Asyncio.await(inner) + 1);
            return Asyncio.await(outer) * 2;
        });
        assertEquals(42, result);
    }

    @Test
    void awaitOnADoneFutureDoesNotYield() {
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Future<Integer> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(5);
            Asyncio.getRunningLoop().callSoon(() -> order.add("callback"));
            order.add("before " + Asyncio.await(done));
            order.add("after");
            Asyncio.await(Asyncio.sleep(0));
            return null;
        });
        assertEquals(List.of("before 5", "after", "callback"), order);
    }

    @Test
    void sleepZeroYieldsExactlyOneIteration() {
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            l.callSoon(() -> {
                order.add("iteration 1");
                l.callSoon(() -> order.add("iteration 2"));
            });
            order.add("step 1");
            Asyncio.await(Asyncio.sleep(0));
            order.add("step 2");
            Asyncio.await(Asyncio.sleep(0));
            order.add("step 3");
            return null;
        });
        assertEquals(List.of("step 1", "iteration 1", "step 2", "iteration 2", "step 3"), order);
    }

    @Test
    void checkedExceptionFollowsTheRethrowRule() {
        IOException io = new IOException("checked");
        Task<Integer> t = loop.createTask(() -> {
            throw io;
        });
        CompletionException e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(t));
        assertSame(io, e.getCause());
        assertSame(io, t.exception());
        AtomicReference<Throwable> inBody = new AtomicReference<>();
        loop.runUntilComplete(() -> {
            Task<Integer> failing = Asyncio.createTask(() -> {
                throw io;
            });
            try {
                Asyncio.await(failing);
            } catch (Throwable caught) {
                inBody.set(caught);
            }
            return null;
        });
        assertInstanceOf(CompletionException.class, inBody.get());
        assertSame(io, inBody.get().getCause());
    }

    @Test
    void uncheckedExceptionPropagatesAsItIs() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Task<Integer> t = loop.createTask(() -> {
            Asyncio.await(Asyncio.sleep(0));
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(t)));
    }

    @Test
    void setResultAndSetExceptionAreUnsupported() {
        Task<Integer> t = loop.createTask(() -> 1);
        assertThrows(UnsupportedOperationException.class, () -> t.setResult(2));
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()));
        runBriefly();
    }

    @Test
    void cancelBeforeTheFirstStepNeverRunsTheBody() {
        List<String> ran = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> {
            ran.add("body");
            return 1;
        });
        assertTrue(t.cancel());
        assertEquals(1, t.cancelling());
        assertFalse(t.isDone(), "cancel is a request; the task finishes on its next step");
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isCancelled());
        assertEquals(List.of(), ran);
        assertFalse(t.cancel(), "a done task cannot be cancelled");
    }

    @Test
    void cancelAtAnAwaitThrowsThereAndCancelsTheAwaitedFuture() {
        Future<Integer> inner = loop.createFuture();
        List<String> seen = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> {
            try {
                return Asyncio.await(inner);
            } catch (CancelledError e) {
                seen.add("cancelled at await: " + e.getMessage());
                throw e;
            }
        });
        loop.callSoon(() -> loop.callSoon(() -> t.cancel("stop it")));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("stop it", e.getMessage());
        assertTrue(inner.isCancelled());
        assertTrue(t.isCancelled());
        assertEquals(List.of("cancelled at await: stop it"), seen);
    }

    @Test
    void bodyThatSwallowsTheCancellationFinishesNormally() {
        Task<String> t = loop.createTask(() -> {
            try {
                Asyncio.await(Asyncio.sleep(10));
                return "slept";
            } catch (CancelledError e) {
                return "refused";
            }
        });
        loop.callSoon(() -> loop.callSoon(t::cancel));
        assertEquals("refused", loop.runUntilComplete(t));
        assertFalse(t.isCancelled());
        assertEquals(1, t.cancelling(), "CPython keeps the request count until uncancel()");
    }

    @Test
    void bodyThatIgnoresTheCancellationCanAwaitAgain() {
        Task<String> t = loop.createTask(() -> {
            try {
                Asyncio.await(Asyncio.sleep(10));
            } catch (CancelledError e) {
                Asyncio.currentTask().uncancel();
            }
            Asyncio.await(Asyncio.sleep(0.01));
            return "went on";
        });
        loop.callSoon(() -> loop.callSoon(t::cancel));
        assertEquals("went on", loop.runUntilComplete(t));
        assertEquals(0, t.cancelling());
    }

    @Test
    void taskCancellingItselfIsCancelledAtItsNextAwait() {
        List<String> seen = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> {
            Asyncio.currentTask().cancel();
            seen.add("still running after cancel()");
            try {
                Asyncio.await(Asyncio.sleep(0));
            } catch (CancelledError e) {
                seen.add("cancelled at the await");
                throw e;
            }
            return 1;
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals(List.of("still running after cancel()", "cancelled at the await"), seen);
    }

    @Test
    void cancelRequestTheBodyNeverSawStillCancelsTheTask() {
        // CPython test_cancel_at_end: the body returns before reaching an await.
        Task<Integer> t = loop.createTask(() -> {
            Asyncio.currentTask().cancel();
            return 12;
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.isCancelled());
    }

    @Test
    void cancellingAndUncancelCount() {
        Task<Integer> t = loop.createTask(() -> {
            Asyncio.await(Asyncio.sleep(10));
            return 1;
        });
        assertEquals(0, t.cancelling());
        t.cancel();
        t.cancel();
        assertEquals(2, t.cancelling());
        assertEquals(1, t.uncancel());
        assertEquals(0, t.uncancel());
        assertEquals(0, t.uncancel(), "never below zero");
        // every request was withdrawn before the first step: the body runs and sleeps
        runBriefly();
        assertFalse(t.isDone());
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
    }

    @Test
    void awaitingACancelledFutureRaisesCancelledErrorInTheBody() {
        Future<Integer> f = loop.createFuture();
        Task<String> t = loop.createTask(() -> {
            try {
                Asyncio.await(f);
                return "no";
            } catch (CancelledError e) {
                return "saw " + e.getMessage();
            }
        });
        loop.callSoon(() -> f.cancel("inner"));
        assertEquals("saw inner", loop.runUntilComplete(t));
        assertFalse(t.isCancelled(), "only the inner future was cancelled; the task caught it");
    }

    @Test
    void cancellingAnInnerTaskPropagatesThroughTheAwaitChain() {
        AtomicReference<Task<Integer>> innerRef = new AtomicReference<>();
        Task<Integer> outer = loop.createTask(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(10));
                return 1;
            });
            innerRef.set(inner);
            return Asyncio.await(inner);
        });
        loop.callLater(0.01, outer::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertTrue(innerRef.get().isCancelled());
        assertTrue(outer.isCancelled());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void cancellationArrivesAtEveryAwaitPoint(int cancelAtIteration) {
        int awaits = 5;
        List<Integer> reached = new ArrayList<>();
        AtomicReference<Integer> cancelledAt = new AtomicReference<>(null);
        Task<Integer> t = loop.createTask(() -> {
            for (int i = 0; i < awaits; i++) {
                reached.add(i);
                try {
                    Asyncio.await(Asyncio.sleep(0));
                } catch (CancelledError e) {
                    cancelledAt.set(i);
                    throw e;
                }
            }
            return awaits;
        });
        boolean[] accepted = new boolean[1];
        Runnable[] canceller = new Runnable[1];
        int[] iteration = {0};
        canceller[0] = () -> {
            if (iteration[0]++ == cancelAtIteration - 1) {
                accepted[0] = t.cancel();
            } else if (!t.isDone()) {
                loop.callSoon(canceller[0]);
            }
        };
        if (cancelAtIteration == 0) {
            accepted[0] = t.cancel();
        } else {
            loop.callSoon(canceller[0]);
        }
        if (cancelAtIteration <= awaits) {
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
            assertTrue(accepted[0]);
            if (cancelAtIteration == 0) {
                assertEquals(List.of(), reached, "cancelled before the first step: the body never ran");
                assertNull(cancelledAt.get());
            } else {
                assertEquals(cancelAtIteration - 1, cancelledAt.get());
                assertEquals(cancelAtIteration, reached.size(), "no step ran after the cancellation");
            }
        } else {
            assertEquals(awaits, loop.runUntilComplete(t));
            runBriefly();
            assertFalse(accepted[0], "cancel() on a finished task returns false");
        }
    }

    @Test
    void currentTaskInsideAndOutside() {
        AtomicReference<Task<?>> inside = new AtomicReference<>();
        AtomicReference<Task<?>> inCallback = new AtomicReference<>(loop.createTask(() -> null));
        Task<Object> t = loop.createTask(() -> {
            inside.set(Asyncio.currentTask());
            return null;
        });
        loop.callSoon(() -> inCallback.set(Asyncio.currentTask()));
        loop.runUntilComplete(t);
        assertSame(t, inside.get());
        assertNull(inCallback.get());
        assertThrows(IllegalStateException.class, Asyncio::currentTask);
    }

    @Test
    void allTasksListsThePendingOnes() {
        AtomicReference<Set<Task<?>>> seen = new AtomicReference<>();
        Task<Object> main = loop.createTask(() -> {
            Task<Integer> sleeper = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(10));
                return 1;
            });
            Task<Integer> quick = Asyncio.createTask(() -> 2);
            Asyncio.await(quick);
            seen.set(Asyncio.allTasks());
            sleeper.cancel();
            return null;
        });
        loop.runUntilComplete(main);
        Set<Task<?>> tasks = seen.get();
        assertEquals(2, tasks.size(), String.valueOf(tasks));
        assertTrue(tasks.contains(main));
        assertTrue(Asyncio.allTasks(loop).stream().allMatch(x -> !x.isDone()));
    }

    @Test
    void taskAwaitingItselfIsAnError() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Task<Object>[] self = new Task[1];
        self[0] = loop.createTask(() -> Asyncio.await(self[0]));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(self[0]));
        assertTrue(e.getMessage().contains("itself"), e.getMessage());
    }

    @Test
    void awaitingAFutureOfAnotherLoopIsAnError() {
        EventLoop other = Asyncio.newEventLoop();
        try {
            Future<Integer> foreign = other.createFuture();
            Task<Integer> t = loop.createTask(() -> Asyncio.await(foreign));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
            assertTrue(e.getMessage().contains("different loop"), e.getMessage());
        } finally {
            other.close();
        }
    }

    @Test
    void aBodyThatCatchesARefusedAwaitGoesOnInTheSameStep() {
        // The Task answers a refused await (itself, another loop's Future) inside the step, without a loop iteration.
        EventLoop other = Asyncio.newEventLoop();
        try {
            Future<Integer> foreign = other.createFuture();
            List<String> log = new ArrayList<>();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Task<String>[] self = new Task[1];
            self[0] = loop.createTask(() -> {
                try {
                    Asyncio.await(self[0]);
                } catch (IllegalStateException e) {
                    log.add("self: " + e.getMessage().contains("itself"));
                }
                try {
                    Asyncio.await(foreign);
                } catch (IllegalStateException e) {
                    log.add("foreign: " + e.getMessage().contains("different loop"));
                }
                Asyncio.await(Asyncio.sleep(0));
                return "went on";
            });
            loop.callSoon(() -> log.add("callback after the first step"));
            assertEquals("went on", loop.runUntilComplete(self[0]));
            assertEquals(List.of("self: true", "foreign: true", "callback after the first step"), log);
        } finally {
            other.close();
        }
    }

    @Test
    void aSleepingJavaTaskIsSteppedWithoutACoroutineOfItsOwn() {
        // A Java Task between steps waits in its body's Asyncio.await: no driver coroutine, no continuation chain.
        Task<String> t = loop.createTask(() -> {
            Asyncio.await(Asyncio.sleep(0.05));
            return "slept";
        });
        LoopTesting.runBriefly(loop);
        TaskImpl<?> impl = (TaskImpl<?>) t;
        assertFalse(t.isDone());
        assertNull(impl.getSuspendedAt());
        assertTrue(impl.isJava());
        // Its thread (or continuation) is paused in the body's await (this test's lambda), which getStack() reads.
        List<StackTraceElement> frames = List.of(JavaBody.ON_CONTINUATIONS ? impl.getBody().pausedFrames()
                : impl.getBody().bodyThread().getStackTrace());
        assertTrue(frames.stream().anyMatch(f -> f.getClassName().equals(TaskTest.class.getName())), frames.toString());
        assertEquals("slept", loop.runUntilComplete(t));
    }

    @Test
    void getStackFromAnotherThreadWhileTheBodyStepsNeverDisturbsIt() throws Exception {
        // A reader on another thread (a debugger's, a monitoring thread's) while a Java body steps 20,000 times. On
        // continuations a read walks the paused body's stack chunk, which the loop's thread may be changing at that
        // moment: there such a read shows no frames while the loop runs.
        int steps = 20_000;
        Task<Integer> t = loop.createTask(SteppingBodies.sleepZero(steps));
        assertTrue(t.getStack().isEmpty(), "not started");
        LoopTesting.runOnce(loop);
        assertFalse(t.getStack().isEmpty(), "paused, read on this thread while the loop is not running");
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> {
            do {
                List<StackTraceElement> frames = t.getStack();
                if (JavaBody.ON_CONTINUATIONS && !frames.isEmpty() && !t.isDone()) {
                    throw new AssertionError("a continuation body's frames were read from another thread: " + frames);
                }
                reads.incrementAndGet();
            } while (!done.get());
        }, "stack-reader");
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        reader.setUncaughtExceptionHandler((th, e) -> readerFailure.set(e));
        // Started once the loop runs: before, a read of the paused body is allowed (as above) and shows frames.
        loop.callSoon(reader::start);
        try {
            assertEquals(steps, loop.runUntilComplete(t));
        } finally {
            done.set(true);
            reader.join();
        }
        assertNull(readerFailure.get());
        assertTrue(reads.get() > 0);
    }

    @Test
    void awaitOnTheLoopThreadOutsideACoroutineIsRefused() {
        Future<Integer> f = loop.createFuture();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        loop.callSoon(() -> {
            try {
                Asyncio.await(f);
            } catch (Throwable t) {
                seen.set(t);
            }
        });
        runBriefly();
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertTrue(seen.get().getMessage().contains("deadlock"), seen.get().getMessage());
    }

    @Test
    void awaitOnAPlainThreadIsRefusedWithTheBlockingAlternative() {
        Future<Integer> f = loop.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.await(f));
        assertTrue(e.getMessage().contains("toCompletableFuture().join()"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Asyncio.await(null));
    }

    @Test
    void neverRetrievedTaskExceptionIsReportedAtClose() {
        Task<Integer> t = loop.createTask(() -> {
            throw new IllegalStateException("nobody looks");
        });
        runBriefly();
        assertTrue(t.isDone());
        loop.close();
        assertEquals(1, errors.size());
        assertEquals("Task exception was never retrieved", errors.get(0).message());
        assertSame(t, errors.get(0).future());
    }

    @Test
    void closingTheLoopWithAPendingJavaBodyLetsItsThreadEnd() throws Exception {
        CompletableFuture<String> finallyRan = new CompletableFuture<>();
        Task<Integer> t = loop.createTask(() -> {
            try {
                Asyncio.await(Asyncio.sleep(100));
                return 1;
            } catch (CancelledError e) {
                finallyRan.complete(e.getMessage());
                throw e;
            }
        });
        runBriefly();
        assertFalse(t.isDone());
        loop.close();
        assertTrue(finallyRan.get(10, TimeUnit.SECONDS).contains("closed"));
        assertEquals(1, errors.size());
        assertEquals("Task was destroyed but it is pending!", errors.get(0).message());
        assertSame(t, errors.get(0).future());
    }

    @Test
    void doneCallbackOfATaskSeesItsResult() {
        List<Integer> seen = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> 7);
        t.addDoneCallback(f -> seen.add(f.result()));
        loop.runUntilComplete(t);
        runBriefly();
        assertEquals(List.of(7), seen);
    }

    @Test
    void threeOverlappingSleepsFinishTogether() {
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (double d : new double[] {0.3, 0.1, 0.2}) {
                tasks.add(Asyncio.createTask(() -> {
                    order.add("sleeps " + d);
                    Asyncio.await(Asyncio.sleep(d));
                    order.add("slept " + d);
                    return null;
                }));
            }
            for (Task<Void> t : tasks) {
                Asyncio.await(t);
            }
            return null;
        });
        // Overlap proven by ordering, not by wall clock (a bound of 0.6 s failed under load): all three sleep before
        // the first wakes, and they wake by deadline, not in the order they started.
        assertEquals(List.of("sleeps 0.3", "sleeps 0.1", "sleeps 0.2", "slept 0.1", "slept 0.2", "slept 0.3"), order);
    }
}
