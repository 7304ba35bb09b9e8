package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Generator;
import dev.asyncio4j.GeneratorState;
import dev.asyncio4j.Task;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import dev.asyncio4j.kotlin.stacks.BodyFrames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What is specific to Java Task bodies run as JDK continuations ({@code -Dasyncio4j.javaTasks=continuations}, issue
 * 12): a body runs on the thread that runs the loop and pauses there, with generators (their own continuation scope)
 * nested in it, monitors, deep stacks, cancellation at every await, the loop's close, {@code Task.getStack()} and a
 * stress of every kind of wake-up. Runs only in the {@code java-tasks-on-continuations} execution (JDK 21+); the
 * shared promises (ordering, close, dropped loops) are checked in both executions by the other suites.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ContinuationBodiesTest {
    @BeforeEach
    void onContinuations() {
        assumeTrue(JavaBody.ON_CONTINUATIONS, "Java Task bodies run on threads of their own in this execution");
    }

    /** Runs {@code loop.runForever()} on a new platform thread and waits for it to return. */
    private static Thread runForeverOnANewThread(EventLoop loop) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                loop.runForever();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "continuation-bodies-runner");
        runner.start();
        runner.join();
        if (failure.get() != null) throw new AssertionError("runForever threw", failure.get());
        return runner;
    }

    // 1. A body runs on the loop's thread; no thread per Task.

    /**
     * Starts {@code n} Java Tasks that record the thread of each of their three steps, and of a callback each
     * schedules, then runs the loop with {@code runForever()} on a new platform thread. Returns that thread; fills
     * {@code bodyThreads} and {@code callbackThreads}.
     */
    private static Thread runTasksRecordingThreads(int n, Set<Thread> bodyThreads, Set<Thread> callbackThreads)
            throws InterruptedException {
        EventLoop loop = Asyncio.newEventLoop();
        AtomicInteger finished = new AtomicInteger();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            tasks.add(loop.createTask(() -> {
                bodyThreads.add(Thread.currentThread());
                EventLoop running = Asyncio.getRunningLoop();
                running.callSoon(() -> callbackThreads.add(Thread.currentThread()));
                Asyncio.await(Asyncio.sleep(0));
                bodyThreads.add(Thread.currentThread());
                Future<Integer> f = running.createFuture();
                running.callSoon(() -> f.setResult(id));
                int v = Asyncio.await(f);
                bodyThreads.add(Thread.currentThread());
                if (finished.incrementAndGet() == n) running.stop();
                return v;
            }));
        }
        Thread runner;
        try {
            runner = runForeverOnANewThread(loop);
        } finally {
            loop.close();
        }
        assertEquals(n, finished.get());
        for (int i = 0; i < n; i++) assertEquals(i, tasks.get(i).result());
        return runner;
    }

    @Test
    void everyStepOfAThousandBodiesRunsOnTheOneThreadThatRunsTheLoopsCallbacks() throws Exception {
        Set<Thread> bodyThreads = Collections.synchronizedSet(new HashSet<>());
        Set<Thread> callbackThreads = Collections.synchronizedSet(new HashSet<>());
        runTasksRecordingThreads(1000, bodyThreads, callbackThreads);
        assertEquals(1, callbackThreads.size(), callbackThreads.toString());
        assertEquals(callbackThreads, bodyThreads, "no thread of its own per body: the loop's thread runs them all");
    }

    /**
     * As in CPython, bodies and callbacks run on the thread that called runForever(), a platform thread here: on
     * continuations the loop does not move to a virtual carrier (it did before main's 654fe8b: every body ran on
     * "asyncio4j-loop-N").
     */
    @Test
    void everyBodyRunsOnTheThreadThatCalledRunForever() throws Exception {
        Set<Thread> bodyThreads = Collections.synchronizedSet(new HashSet<>());
        Set<Thread> callbackThreads = Collections.synchronizedSet(new HashSet<>());
        Thread runner = runTasksRecordingThreads(1000, bodyThreads, callbackThreads);
        assertFalse(VirtualThreads.isVirtual(runner));
        assertEquals(Set.of(runner), bodyThreads, "a body ran on a thread other than runForever's caller");
        assertEquals(Set.of(runner), callbackThreads);
    }

    /**
     * A body shares the loop thread's per-thread state, as CPython coroutines share their thread's
     * {@code threading.local}: a ThreadLocal one body sets is seen by the next body and by callbacks.
     */
    @Test
    void bodiesShareTheLoopThreadsThreadLocals() {
        ThreadLocal<String> local = new ThreadLocal<>();
        List<String> seen = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            Task<Void> setter = loop.createTask(() -> {
                local.set("set by a body");
                return null;
            });
            Asyncio.await(setter);
            loop.callSoon(() -> out.add("callback: " + local.get()));
            Asyncio.await(loop.createTask(() -> {
                out.add("other body: " + local.get());
                return null;
            }));
            out.add("main: " + local.get());
            local.remove();
            return out;
        });
        assertEquals(List.of("callback: set by a body", "other body: set by a body", "main: set by a body"), seen);
    }

    /**
     * A body that interrupts its thread (the restore-the-flag idiom) interrupts the loop's: the loop keeps the flag
     * for runForever's caller, as for a callback that interrupts it (taken off the thread while the loop waits, so
     * the body no longer sees it after its await, unlike a body on a thread of its own), and the body's sleep still
     * ends when the loop's clock says so.
     */
    @Test
    void aBodyThatInterruptsItsThreadInterruptsTheLoopsAndTheCallerGetsTheFlag() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<Boolean> callerFlag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            EventLoop loop = Asyncio.newEventLoop();
            try {
                seen.set(loop.runUntilComplete(() -> {
                    EventLoop running = Asyncio.getRunningLoop();
                    Thread.currentThread().interrupt();
                    double before = running.time();
                    Asyncio.await(Asyncio.sleep(0.05));
                    double waited = running.time() - before;
                    return "waited " + (waited >= 0.05) + ", flag in the body after the await "
                            + Thread.currentThread().isInterrupted();
                }));
                callerFlag.set(Thread.interrupted());
            } finally {
                loop.close();
            }
        });
        caller.start();
        caller.join();
        assertEquals(Boolean.TRUE, callerFlag.get(), "runUntilComplete returned without the body's interrupt");
        assertEquals("waited true, flag in the body after the await false", seen.get());
    }

    // 2. Ordering: identical to CPython where a Task body wakes another and Tasks finish inside another's await.

    /**
     * <pre>
     * async def main():
     *     loop = asyncio.get_running_loop(); log = []
     *     async def child(name, n):
     *         for i in range(n):
     *             log.append(f"{name} {i}")
     *             loop.call_soon(log.append, f"{name} soon {i}")
     *             await asyncio.sleep(0)
     *         return name
     *     t1 = asyncio.create_task(child("A", 3))
     *     t1.add_done_callback(lambda t: log.append(f"done {t.result()}"))
     *     fut = loop.create_future()
     *     async def waiter():
     *         log.append("W start")
     *         v = await fut
     *         log.append(f"W got {v}")
     *         t2 = asyncio.create_task(child("B", 2))
     *         r = await t2
     *         log.append(f"W after {r}")
     *         return r
     *     w = asyncio.create_task(waiter())
     *     loop.call_soon(log.append, "cb 1")
     *     await asyncio.sleep(0)
     *     fut.set_result(1)
     *     log.append("main set")
     *     await asyncio.sleep(0)
     *     log.append("main 2")
     *     await asyncio.gather(t1, w)
     *     log.append("end")
     *     return log
     * # CPython 3.11: ['A 0', 'W start', 'cb 1', 'main set', 'A soon 0', 'A 1', 'W got 1', 'main 2', 'A soon 1',
     * #  'A 2', 'B 0', 'A soon 2', 'B soon 0', 'B 1', 'done A', 'B soon 1', 'W after B', 'end']
     * </pre>
     */
    @Test
    void nestedTasksCallbacksAndDoneCallbacksRunInCPythonsOrder() {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            Task<String> t1 = loop.createTask(() -> child(loop, "A", 3, out));
            t1.addDoneCallback(t -> out.add("done " + t.result()));
            Future<Integer> fut = loop.createFuture();
            Task<String> w = loop.createTask(() -> {
                out.add("W start");
                int v = Asyncio.await(fut);
                out.add("W got " + v);
                Task<String> t2 = Asyncio.createTask(() -> child(loop, "B", 2, out));
                String r = Asyncio.await(t2);
                out.add("W after " + r);
                return r;
            });
            loop.callSoon(() -> out.add("cb 1"));
            Asyncio.await(Asyncio.sleep(0));
            fut.setResult(1);
            out.add("main set");
            Asyncio.await(Asyncio.sleep(0));
            out.add("main 2");
            Asyncio.await(Asyncio.gather(List.of(t1, w)));
            out.add("end");
            return out;
        });
        assertEquals(List.of("A 0", "W start", "cb 1", "main set", "A soon 0", "A 1", "W got 1", "main 2",
                "A soon 1", "A 2", "B 0", "A soon 2", "B soon 0", "B 1", "done A", "B soon 1", "W after B", "end"), log);
    }

    private static String child(EventLoop loop, String name, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            log.add(name + " " + i);
            String soon = name + " soon " + i;
            loop.callSoon(() -> log.add(soon));
            Asyncio.await(Asyncio.sleep(0));
        }
        return name;
    }

    // 3. Generators (scope asyncio4j-generator) inside a Task body (scope asyncio4j-task).

    @Test
    void aGeneratorKeepsItsPlaceWhileTheTaskDrivingItAwaitsBetweenSends() {
        List<String> log = new ArrayList<>();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        Set<Thread> generatorThreads = new HashSet<>();
        int total = Asyncio.run(() -> {
            loopThread.set(Thread.currentThread());
            Generator<Integer, Integer> g = Generator.of(y -> {
                int sum = 0;
                Integer sent = y.yield(0);
                while (sent != null) {
                    generatorThreads.add(Thread.currentThread());
                    sum += sent;
                    log.add("gen " + sent);
                    sent = y.yield(sum);
                }
            });
            Task<Void> other = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    log.add("other " + i);
                    Asyncio.await(Asyncio.sleep(0));
                }
                return null;
            });
            assertEquals(0, g.next());
            int last = 0;
            for (int i = 1; i <= 3; i++) {
                Asyncio.await(Asyncio.sleep(0)); // the Task pauses; the generator stays suspended at its yield
                last = g.send(i);
                log.add("main got " + last);
            }
            assertEquals(GeneratorState.SUSPENDED, g.state());
            g.close();
            assertEquals(GeneratorState.CLOSED, g.state());
            Asyncio.await(other);
            return last;
        });
        assertEquals(6, total);
        assertEquals(List.of("other 0", "gen 1", "main got 1", "other 1", "gen 2", "main got 3", "other 2", "gen 3",
                "main got 6"), log);
        assertEquals(Set.of(loopThread.get()), generatorThreads);
    }

    @Test
    void aGeneratorBodyThatAwaitsPausesItsTaskThroughTheGeneratorAndResumesInside() {
        List<String> log = new ArrayList<>();
        List<Integer> results = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Generator<Integer, Integer> g = Generator.of(y -> {
                int sum = 0;
                Integer sent = y.yield(0);
                while (sent != null) {
                    log.add("gen awaits " + sent);
                    Future<Integer> f = Asyncio.getRunningLoop().createFuture();
                    int v = sent;
                    Asyncio.getRunningLoop().callSoon(() -> f.setResult(v * 10));
                    sum += Asyncio.await(f); // pauses the Task's continuation, the generator's frames inside it
                    log.add("gen got " + sum);
                    sent = y.yield(sum);
                }
            });
            Task<Void> other = loop.createTask(() -> {
                for (int i = 0; i < 4; i++) {
                    log.add("other " + i);
                    Asyncio.await(Asyncio.sleep(0));
                }
                return null;
            });
            // A second Task trying to resume the generator while its body is paused in the await: refused.
            Task<String> intruder = loop.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.send(99));
                log.add("intruder refused");
                return e.getMessage();
            });
            List<Integer> out = new ArrayList<>();
            out.add(g.next());
            for (int i = 1; i <= 3; i++) {
                out.add(g.send(i));
                log.add("main got " + out.get(i));
            }
            assertTrue(Asyncio.await(intruder).contains("already executing"), intruder.result());
            Asyncio.await(other);
            return out;
        });
        assertEquals(List.of(0, 10, 30, 60), results);
        // As CPython runs a coroutine awaiting inside a `yield from` chain: the Task's wake-up goes behind the ready
        // work of the iteration in which the callback completed the Future.
        assertEquals(List.of("gen awaits 1", "other 0", "other 1", "intruder refused", "gen got 10", "main got 10",
                "gen awaits 2", "other 2", "other 3", "gen got 30", "main got 30", "gen awaits 3", "gen got 60",
                "main got 60"), log);
    }

    @Test
    void aTaskCancelledWhileItsGeneratorAwaitsGetsTheCancelledErrorThroughTheGenerator() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<Integer> never = loop.createFuture();
            AtomicReference<Generator<Integer, Integer>> gen = new AtomicReference<>();
            Task<Integer> task = loop.createTask(() -> {
                Generator<Integer, Integer> g = Generator.of(y -> {
                    try {
                        y.yield(Asyncio.await(never));
                    } catch (CancelledError e) {
                        log.add("generator cancelled");
                        throw e;
                    } finally {
                        log.add("generator finally");
                    }
                });
                gen.set(g);
                try {
                    return g.next();
                } catch (CancelledError e) {
                    log.add("task cancelled");
                    throw e;
                }
            });
            LoopTesting.runBriefly(loop);
            assertEquals(GeneratorState.RUNNING, gen.get().state(), "the generator's body runs in the paused await");
            assertTrue(task.cancel());
            LoopTesting.runBriefly(loop);
            assertTrue(task.isCancelled());
            assertTrue(never.isCancelled());
            assertEquals(GeneratorState.CLOSED, gen.get().state());
            assertEquals(List.of("generator cancelled", "generator finally", "task cancelled"), log);
        } finally {
            loop.close();
        }
    }

    // 4. An await inside synchronized.

    /**
     * JDK 24+ (JEP 491) freezes a continuation that holds a monitor in our own scope too, not only a virtual thread's:
     * the body pauses, the monitor goes with it (code run by the loop meanwhile does not hold it) and it still holds
     * it when it resumes. JDK 21-23 cannot: the await throws {@code pauseHere}'s IllegalStateException and the body
     * can go on. (A second body contending for that monitor blocks the loop's thread, as it blocks the turn on threads:
     * not tested, it hangs.)
     */
    @Test
    void anAwaitInsideSynchronizedPausesOnJdk24AndUpAndIsRefusedClearlyBefore() {
        Object lock = new Object();
        List<String> log = new ArrayList<>();
        String outcome = Asyncio.run(() -> {
            Task<String> holder = Asyncio.createTask(() -> {
                try {
                    synchronized (lock) {
                        log.add("holder in");
                        // Runs while the holder waits: the monitor must go with the paused body, not stay with the
                        // thread that runs the loop.
                        Asyncio.getRunningLoop().callSoon(() -> log.add("callback holds lock: " + Thread.holdsLock(lock)));
                        Asyncio.await(Asyncio.sleep(0));
                        log.add("holder resumed, holds lock: " + Thread.holdsLock(lock));
                    }
                    return "paused";
                } catch (IllegalStateException refused) {
                    log.add("holder refused");
                    // Nothing is broken: the body goes on and awaits outside the monitor.
                    Asyncio.await(Asyncio.sleep(0));
                    log.add("holder awaited outside");
                    return refused.getMessage();
                }
            });
            Asyncio.createTask(() -> {
                log.add("other runs");
                return null;
            });
            return Asyncio.await(holder);
        });
        if (Runtime.version().feature() >= 24) {
            assertEquals("paused", outcome);
            assertEquals(List.of("holder in", "other runs", "callback holds lock: false",
                    "holder resumed, holds lock: true"), log);
        } else {
            assertTrue(outcome.startsWith("Asyncio.await() cannot pause here: the body holds a monitor"), outcome);
            assertEquals(List.of("holder in", "holder refused", "other runs", "callback holds lock: false",
                    "holder awaited outside"), log);
        }
    }

    // 5. StackOverflowError in a body; a deep stack that pauses.

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private static int deepThenAwait(int depth, List<String> log) {
        if (depth == 0) {
            log.add("deep awaits");
            Asyncio.await(Asyncio.sleep(0));
            log.add("deep resumed");
            Asyncio.await(Asyncio.sleep(0));
            return 0;
        }
        return deepThenAwait(depth - 1, log) + 1;
    }

    @Test
    void aStackOverflowFailsItsTaskAndTheLoopGoesOnWithTheOthers() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            List<String> log = new ArrayList<>();
            Task<Integer> before = loop.createTask(() -> child(loop, "before", 3, log).length());
            Task<Integer> victim = loop.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0));
                return recurse(0);
            });
            Task<Integer> after = loop.createTask(() -> child(loop, "after", 3, log).length());
            Future<List<Object>> all = Asyncio.gatherReturnExceptions(List.of(before, victim, after));
            // The error is the victim's outcome; the run waits for (and gathers) it and the others.
            List<Object> outcomes = loop.runUntilComplete(all);
            assertInstanceOf(StackOverflowError.class, victim.exception());
            assertEquals(6, outcomes.get(0));
            assertSame(victim.exception(), outcomes.get(1));
            assertEquals(5, outcomes.get(2));
            assertEquals(3, log.stream().filter(s -> s.startsWith("before soon")).count(), log.toString());
            assertEquals(3, log.stream().filter(s -> s.startsWith("after soon")).count(), log.toString());
            // The loop's thread still has its whole stack: a deep body pauses and resumes.
            assertEquals(2000, loop.runUntilComplete(() -> deepThenAwait(2000, new ArrayList<>())));
        } finally {
            loop.close();
        }
    }

    @Test
    void aBodyThatRecursesDeeplyThenAwaitsPausesAndResumesWithItsWholeStack() {
        assertEquals(List.of(2000, 1), deepBodyThenOther(2000));
    }

    /**
     * A body 6,000 frames deep pauses and resumes when the thread running the loop has the stack for it. Saving a deep
     * stack that still runs interpreted needs native stack in proportion to its depth, taken from the loop thread's
     * stack: on a 1 MB thread stack a cold body this deep cannot pause (report 12-conttests; see the next test for the
     * error it gets), on threads of their own bodies pause at 9,000 frames. The workaround the error names: a larger
     * stack for the loop's thread.
     */
    @Test
    void aBodyAsDeepAsOnThreadsPausesWhenTheLoopsThreadHasTheStack() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread big = new Thread(null, () -> {
            try {
                List<List<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) runs.add(deepBodyThenOther(6000));
                outcome.set(runs);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "loop-with-8MB-stack", 8L << 20);
        big.start();
        big.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(List.of(List.of(6000, 1), List.of(6000, 1), List.of(6000, 1)), outcome.get());
    }

    /**
     * A body whose pause may fail (5,000 frames deep, on a 1 MB stack: see the test above) gets a StackOverflowError
     * that says why, can catch it and await again once its stack is shallow, and finishes normally.
     */
    @Test
    void aBodyWhosePauseFailedWithAStackOverflowCanCatchItAndAwaitAgain() {
        List<String> log = new ArrayList<>();
        String outcome = Asyncio.run(() -> {
            Task<String> body = Asyncio.createTask(() -> {
                String first;
                try {
                    deepThenAwait(5000, new ArrayList<>());
                    first = "the deep await paused";
                } catch (StackOverflowError e) {
                    // The pause failed: the error says why and what to do, with the JDK's own as its cause.
                    first = e.getMessage() != null && e.getMessage().contains("could not pause this body")
                            && e.getCause() instanceof StackOverflowError ? "the deep await overflowed, and said why"
                            : "a bare " + e;
                }
                log.add(first);
                Asyncio.await(Asyncio.sleep(0));
                log.add("shallow await resumed");
                return first;
            });
            Task<Void> other = Asyncio.createTask(() -> {
                log.add("other 0");
                Asyncio.await(Asyncio.sleep(0));
                log.add("other 1");
                return null;
            });
            Asyncio.await(other);
            return Asyncio.await(body);
        });
        assertTrue(Set.of("the deep await paused", "the deep await overflowed, and said why").contains(outcome), outcome);
        assertEquals(List.of(outcome, "other 0", "shallow await resumed", "other 1"), log);
    }

    private static List<Integer> deepBodyThenOther(int depth) {
        List<String> log = new ArrayList<>();
        List<Integer> results = Asyncio.run(() -> {
            Task<Integer> deep = Asyncio.createTask(() -> deepThenAwait(depth, log));
            Task<Integer> other = Asyncio.createTask(() -> {
                log.add("other 0");
                Asyncio.await(Asyncio.sleep(0));
                log.add("other 1");
                return 1;
            });
            return Asyncio.await(Asyncio.gather(List.of(deep, other)));
        });
        assertEquals(List.of("deep awaits", "other 0", "deep resumed", "other 1"), log);
        return results;
    }

    // 6. Cancellation at each await of a body with five.

    /**
     * The body awaits five times, each a different kind of wait; the test cancels it while it waits at await
     * {@code at}, from another Task or from a callback. Awaits before {@code at} are released by the controller.
     * CPython: the CancelledError is raised at that await, the body's finally may await again, the Task is cancelled,
     * and so is the Future it awaited.
     */
    @ParameterizedTest(name = "at await {0}, from {1}")
    @CsvSource({"0,task", "1,task", "2,task", "3,task", "4,task",
            "0,callback", "1,callback", "2,callback", "3,callback", "4,callback"})
    void cancellationAtEachAwaitReachesTheBodyThereAndItsFinallyRuns(int at, String from) {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            List<Future<Integer>> gates = new ArrayList<>();
            for (int i = 0; i < 4; i++) gates.add(loop.createFuture());
            List<Future<?>> awaited = new ArrayList<>();
            AtomicInteger reached = new AtomicInteger(-1);
            Task<Integer> body = loop.createTask(() -> {
                int sum = 0;
                try {
                    reached.set(0);
                    out.add("at 0");
                    awaited.add(gates.get(0));
                    sum += Asyncio.await(gates.get(0));
                    reached.set(1);
                    out.add("at 1");
                    Task<Integer> child = Asyncio.createTask(() -> Asyncio.await(gates.get(1)));
                    awaited.add(child);
                    sum += Asyncio.await(child);
                    reached.set(2);
                    out.add("at 2");
                    Future<List<Integer>> both = Asyncio.gather(List.of(gates.get(2)));
                    awaited.add(both);
                    sum += Asyncio.await(both).get(0);
                    reached.set(3);
                    out.add("at 3");
                    Future<Integer> bounded = Asyncio.waitFor(gates.get(3), 3600.0);
                    awaited.add(bounded);
                    sum += Asyncio.await(bounded);
                    reached.set(4);
                    out.add("at 4");
                    Future<Void> sleep = Asyncio.sleep(3600);
                    awaited.add(sleep);
                    Asyncio.await(sleep);
                    out.add("past every await");
                    return sum;
                } catch (CancelledError e) {
                    out.add("cancelled at " + reached.get());
                    throw e;
                } finally {
                    Asyncio.await(Asyncio.sleep(0)); // CPython: a cancelled coroutine may await in its finally
                    out.add("finally");
                }
            });
            for (int j = 0; j <= at; j++) {
                while (reached.get() < j) Asyncio.await(Asyncio.sleep(0));
                assertEquals(j, reached.get(), "the body went past await " + j + " unreleased");
                if (j < at) gates.get(j).setResult(j + 1);
            }
            if (from.equals("task")) {
                assertTrue(body.cancel());
            } else {
                loop.callSoon(() -> out.add("callback cancelled: " + body.cancel()));
            }
            CancelledError e = assertThrows(CancelledError.class, () -> Asyncio.await(body));
            assertTrue(body.isCancelled(), e.toString());
            if (at == 2) {
                // CPython: a cancelled gather's outer future ends with its child's CancelledError as exception
                // (set_exception), not cancelled; the child is.
                assertFalse(awaited.get(at).isCancelled());
                assertInstanceOf(CancelledError.class, awaited.get(at).exception());
                assertTrue(gates.get(2).isCancelled());
            } else {
                assertTrue(awaited.get(at).isCancelled(), "the awaited Future " + awaited.get(at));
            }
            assertEquals(at + 1, awaited.size());
            return out;
        });
        List<String> expected = new ArrayList<>();
        for (int j = 0; j <= at; j++) expected.add("at " + j);
        if (from.equals("callback")) expected.add("callback cancelled: true");
        expected.add("cancelled at " + at);
        expected.add("finally");
        assertEquals(expected, log);
    }

    // 7. close() with bodies parked.

    @Test
    void closeRunsAParkedBodysFinallyOnTheClosingThreadAndReportsAStubbornBodyOnce() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> finallyThread = new AtomicReference<>();
        Future<Void> never = loop.createFuture();
        Task<Void> parked = loop.createTask(() -> {
            try {
                Asyncio.await(never);
            } finally {
                finallyThread.set(Thread.currentThread());
                log.add("parked finally");
            }
            return null;
        }, "parked");
        Task<Void> stubborn = loop.createTask(() -> {
            try {
                Asyncio.await(never);
            } catch (CancelledError e) {
                log.add("stubborn cancelled");
                Asyncio.await(never); // ignores the close: dropped unfinished
                log.add("stubborn never resumes");
            } finally {
                log.add("stubborn finally");
            }
            return null;
        }, "stubborn");
        loop.callSoon(loop::stop); // after the bodies' first steps, queued when their Tasks were created
        Thread runner = runForeverOnANewThread(loop);
        assertFalse(parked.isDone());
        assertFalse(stubborn.isDone());
        loop.close();
        assertTrue(loop.isClosed());
        assertSame(Thread.currentThread(), finallyThread.get());
        assertNotSame(runner, finallyThread.get());
        assertEquals(List.of("parked finally", "stubborn cancelled"), log);
        List<ExceptionContext> ignored = reports.stream().filter(c -> c.message().equals(LoopRemains.IGNORED))
                .collect(Collectors.toList());
        assertEquals(1, ignored.size(), reports.toString());
        assertSame(stubborn, ignored.get(0).future());
        assertEquals(0, reports.stream().filter(c -> c.future() == parked && c.message().equals(LoopRemains.IGNORED))
                .count());
    }

    // 8. Task.getStack() of a paused body and of the running body.

    @Test
    void aPausedBodysStackShowsItsOwnFramesFromTheAwaitDown() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<Integer> f = loop.createFuture();
            Task<Integer> task = loop.createTask(() -> BodyFrames.outerAwait(f));
            LoopTesting.runBriefly(loop);
            List<String> frames = task.getStack().stream()
                    .map(e -> e.getClassName() + "." + e.getMethodName()).collect(Collectors.toList());
            String probe = BodyFrames.class.getName();
            assertEquals(probe + ".innerAwait", frames.get(0), frames.toString());
            assertEquals(probe + ".outerAwait", frames.get(1), frames.toString());
            assertTrue(frames.stream().noneMatch(s -> s.startsWith("jdk.internal.vm.") || s.contains(".internal.")),
                    frames.toString());
            f.setResult(41);
            assertEquals(42, loop.runUntilComplete(task));
            assertEquals(List.of(), task.getStack());
        } finally {
            loop.close();
        }
    }

    /**
     * While the loop runs, a paused body's frames are read on the loop's thread — from another body (mounted at that
     * moment) and from a callback — and the paused body resumes correctly afterwards; a foreign thread gets no frames
     * (a read mounts the continuation for a moment: only the loop's thread may).
     */
    @Test
    void aPausedBodysStackIsReadFromAnotherBodyAndACallbackButNotFromAForeignThreadWhileTheLoopRuns() {
        String probe = BodyFrames.class.getName();
        List<String> seen = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Integer> f = loop.createFuture();
            Task<Integer> paused = loop.createTask(() -> BodyFrames.outerAwait(f));
            Asyncio.await(Asyncio.sleep(0));
            List<String> out = new ArrayList<>();
            out.add("from a body: " + methods(paused.getStack()));
            Future<Void> callbackDone = loop.createFuture();
            loop.callSoon(() -> {
                out.add("from a callback: " + methods(paused.getStack()));
                callbackDone.setResult(null);
            });
            Asyncio.await(callbackDone);
            List<StackTraceElement> foreign = Asyncio.await(Asyncio.toThread(paused::getStack));
            out.add("from a foreign thread: " + methods(foreign));
            f.setResult(1);
            out.add("result: " + Asyncio.await(paused));
            return out;
        });
        String frames = "[" + probe + ".innerAwait, " + probe + ".outerAwait";
        assertTrue(seen.get(0).startsWith("from a body: " + frames), seen.toString());
        assertTrue(seen.get(1).startsWith("from a callback: " + frames), seen.toString());
        assertEquals("from a foreign thread: []", seen.get(2));
        assertEquals("result: 2", seen.get(3));
    }

    private static List<String> methods(List<StackTraceElement> stack) {
        return stack.stream().map(e -> e.getClassName() + "." + e.getMethodName()).collect(Collectors.toList());
    }

    @Test
    void aRunningBodysOwnStackEndsWhereItsContinuationBegins() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Task<List<StackTraceElement>> task = loop.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0));
                return BodyFrames.outerOwnStack();
            });
            List<String> frames = BodyFrames.runLoopUntil(loop, task).stream()
                    .map(StackTraceElement::getMethodName).collect(Collectors.toList());
            assertEquals("innerOwnStack", frames.get(0), frames.toString());
            assertEquals("outerOwnStack", frames.get(1), frames.toString());
            assertFalse(frames.contains("runLoopUntil"), "the loop's caller below the continuation: " + frames);
        } finally {
            loop.close();
        }
    }

    // 9. Stress.

    /** One stress loop's shared state: the bodies of one loop never overlap, its callbacks never run inside one. */
    private static final class StressLoop {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger callbacksInsideABody = new AtomicInteger();

        void enter() {
            if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
        }

        void leave() {
            inside.decrementAndGet();
        }

        void checkCallback() {
            if (inside.get() != 0) callbacksInsideABody.incrementAndGet();
        }
    }

    /** A request for a foreign thread: complete {@code future} with {@code value} through callSoonThreadsafe. */
    private static final class Request {
        final EventLoop loop;
        final Future<Integer> future;
        final int value;
        final StressLoop state;

        Request(EventLoop loop, Future<Integer> future, int value, StressLoop state) {
            this.loop = loop;
            this.future = future;
            this.value = value;
            this.state = state;
        }
    }

    private static final Request POISON = new Request(null, null, 0, null);

    /** Task {@code id}'s {@code i}th awaited value: every Task's sum is checked against these. */
    private static int valueOf(int id, int i) {
        return id * 1000 + i;
    }

    private static long stressLoop(int tasks, int awaits, BlockingQueue<Request> foreign, ExecutorService executor,
            StressLoop state) {
        return Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Task<Long>> all = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                int id = t;
                all.add(loop.createTask(() -> {
                    state.enter();
                    long sum = 0;
                    try {
                        for (int i = 0; i < awaits; i++) {
                            int expected = valueOf(id, i);
                            int got;
                            state.leave();
                            try {
                                switch (i % 5) {
                                    case 0:
                                        Asyncio.await(Asyncio.sleep(0));
                                        got = expected;
                                        break;
                                    case 1: {
                                        Future<Integer> f = loop.createFuture();
                                        loop.callSoon(() -> {
                                            state.checkCallback();
                                            f.setResult(expected);
                                        });
                                        got = Asyncio.await(f);
                                        break;
                                    }
                                    case 2:
                                        got = Asyncio.await(loop.createTask(() -> {
                                            state.enter();
                                            try {
                                                state.leave();
                                                Asyncio.await(Asyncio.sleep(0));
                                                state.enter();
                                                return expected;
                                            } finally {
                                                state.leave();
                                            }
                                        }));
                                        break;
                                    case 3: {
                                        Future<Integer> f = loop.createFuture();
                                        foreign.add(new Request(loop, f, expected, state));
                                        got = Asyncio.await(f);
                                        break;
                                    }
                                    default:
                                        if (i % 25 == 4) {
                                            got = Asyncio.await(loop.runInExecutor(executor, () -> expected));
                                        } else {
                                            Asyncio.await(Asyncio.sleep(0));
                                            got = expected;
                                        }
                                        break;
                                }
                            } finally {
                                state.enter();
                            }
                            if (got != expected) throw new AssertionError("task " + id + " await " + i + ": " + got);
                            sum += got;
                        }
                        return sum;
                    } finally {
                        state.leave();
                    }
                }));
            }
            long total = 0;
            for (int t = 0; t < tasks; t++) {
                long expected = 0;
                for (int i = 0; i < awaits; i++) expected += valueOf(t, i);
                long got = Asyncio.await(all.get(t));
                assertEquals(expected, got, "task " + t);
                total += got;
            }
            return total;
        });
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stressEveryKindOfWakeUpOnAPlatformLoopAndAVirtualThreadLoopAtOnce() throws Exception {
        int tasks = 200;
        int awaits = 500;
        BlockingQueue<Request> foreign = new LinkedBlockingQueue<>();
        List<Thread> foreignThreads = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Request r = foreign.take();
                        if (r == POISON) return;
                        r.loop.callSoonThreadsafe(() -> {
                            r.state.checkCallback();
                            r.future.setResult(r.value);
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "foreign-" + k);
            t.start();
            foreignThreads.add(t);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2);
        StressLoop platform = new StressLoop();
        StressLoop virtual = new StressLoop();
        AtomicReference<Object> onVirtual = new AtomicReference<>();
        AtomicReference<Boolean> loopThreadWasVirtual = new AtomicReference<>();
        try {
            Thread vt = VirtualThreads.newThread("stress-loop-on-a-virtual-thread", () -> {
                try {
                    loopThreadWasVirtual.set(VirtualThreads.isVirtual(Thread.currentThread()));
                    onVirtual.set(stressLoop(tasks, awaits, foreign, executor, virtual));
                } catch (Throwable t) {
                    onVirtual.set(t);
                }
            });
            vt.start();
            long onPlatform = stressLoop(tasks, awaits, foreign, executor, platform);
            vt.join();
            long expected = 0;
            for (int t = 0; t < tasks; t++) {
                for (int i = 0; i < awaits; i++) expected += valueOf(t, i);
            }
            assertEquals(expected, onPlatform);
            if (onVirtual.get() instanceof Throwable) throw new AssertionError("the VT loop", (Throwable) onVirtual.get());
            assertEquals(expected, onVirtual.get());
            assertEquals(Boolean.TRUE, loopThreadWasVirtual.get());
            for (StressLoop s : List.of(platform, virtual)) {
                assertEquals(0, s.overlaps.get(), "bodies overlapped");
                assertEquals(0, s.callbacksInsideABody.get(), "a callback ran while a body was mounted");
                assertEquals(0, s.inside.get());
            }
        } finally {
            for (int k = 0; k < foreignThreads.size(); k++) foreign.add(POISON);
            for (Thread t : foreignThreads) t.join();
            executor.shutdownNow();
        }
    }
}
