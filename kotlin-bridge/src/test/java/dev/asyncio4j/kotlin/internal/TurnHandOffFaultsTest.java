package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults while the turn passes between Java bodies, Kotlin Tasks and callbacks (issue 12, "correctness first"):
 * errors thrown from callbacks ({@code RuntimeException}, {@code StackOverflowError}), {@code stop()} from a body and
 * from a callback in the middle of a batch, interrupts, cancellation at every await point, the running loop inside
 * callbacks a body scheduled, and {@code close()} with bodies parked.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TurnHandOffFaultsTest extends LoopTestSupport {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** A Java Task logging {@code "<name> <i>"} and yielding {@code n} times; {@code atStep} runs before yield i. */
    private Task<String> javaYielder(String name, int n, List<String> log, java.util.function.IntConsumer atStep) {
        return loop.createTask(() -> {
            for (int i = 0; i < n; i++) {
                log.add(name + " " + i);
                atStep.accept(i);
                Asyncio.await(Asyncio.sleep(0));
            }
            return name;
        }, name);
    }

    private Task<Integer> kotlinYielder(String name, int n, List<String> log) {
        return KotlinStepper.launch(loop, name, n, (i, previous) -> {
            if (i < n) {
                log.add(name + " " + i);
            }
            return null;
        });
    }

    /** Round-robin log of {@code names} for steps {@code from} (inclusive) to {@code to} (exclusive). */
    private static List<String> rounds(int from, int to, String... names) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (String n : names) {
                out.add(n + " " + i);
            }
        }
        return out;
    }

    @Test
    void aCallbackThrowingRuntimeExceptionIsReportedAndTheLoopGoesOnAmongJavaBodies() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        EventLoop[] loopInHandler = new EventLoop[4];
        loop.setExceptionHandler((l, ctx) -> {
            errors.add(ctx);
            log.add("handled " + ctx.exception().getMessage());
            loopInHandler[errors.size() - 1] = Asyncio.getRunningLoop();
        });
        List<Task<String>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            tasks.add(javaYielder("J" + t, 8, log, i -> {
                if (i == 3) {
                    loop.callSoon(() -> {
                        log.add("boom " + id);
                        throw new IllegalStateException("boom-" + id);
                    });
                }
            }));
        }
        List<String> results = loop.runUntilComplete(Asyncio.gather(tasks));
        assertEquals(List.of("J0", "J1", "J2", "J3"), results);
        List<String> expected = new ArrayList<>(rounds(0, 4, "J0", "J1", "J2", "J3"));
        for (int t = 0; t < 4; t++) {
            expected.add("boom " + t);
            expected.add("handled boom-" + t);
            expected.add("J" + t + " 4");
        }
        expected.addAll(rounds(5, 8, "J0", "J1", "J2", "J3"));
        assertEquals(expected, log);
        assertEquals(4, errors.size());
        for (int t = 0; t < 4; t++) {
            ExceptionContext ctx = errors.get(t);
            assertInstanceOf(IllegalStateException.class, ctx.exception());
            assertTrue(ctx.message().startsWith("Exception in callback"), ctx.message());
            assertSame(loop, loopInHandler[t], "the exception handler ran outside the loop's turn");
        }
    }

    /**
     * A real stack overflow in a callback that a Java body scheduled, in the middle of an iteration of Java and
     * Kotlin steps: it ends {@code runUntilComplete} in its caller (CPython lets BaseExceptions such as
     * KeyboardInterrupt out of {@code run_once} the same way), nothing queued is lost, and the next run goes on in
     * the same order.
     */
    @Test
    void aStackOverflowInACallbackEndsTheRunAndTheNextRunFinishesThePendingTasks() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Task<String> j0 = javaYielder("J0", 6, log, i -> { });
        Task<String> j1 = javaYielder("J1", 6, log, i -> {
            if (i == 2) {
                loop.callSoon(() -> {
                    log.add("overflow");
                    recurse(0);
                });
            }
        });
        Task<Integer> k1 = kotlinYielder("K1", 6, log);
        Task<String> j2 = javaYielder("J2", 6, log, i -> { });
        Task<List<Object>> all = loop.createTask(() -> Asyncio.await(Asyncio.gather(j0, j1, k1, j2)));
        Thread caller = Thread.currentThread();
        assertThrows(StackOverflowError.class, () -> loop.runUntilComplete(all));
        assertSame(caller, Thread.currentThread());
        assertFalse(loop.isRunning());
        assertFalse(all.isDone(), "the Tasks were still pending");
        List<String> expected = new ArrayList<>(rounds(0, 3, "J0", "J1", "K1", "J2"));
        expected.add("J0 3");
        expected.add("overflow");
        assertEquals(expected, log, "the run ended right after the overflowing callback");
        List<Object> results = loop.runUntilComplete(all);
        assertEquals(List.of("J0", "J1", 6, "J2"), results);
        expected.addAll(List.of("J1 3", "K1 3", "J2 3"));
        expected.addAll(rounds(4, 6, "J0", "J1", "K1", "J2"));
        assertEquals(expected, log, "the next run went on where the overflow stopped it");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /**
     * The same from {@code runForever}: a callback a Kotlin step scheduled overflows the stack between Java steps;
     * {@code runForever} throws it to its caller, and a later run finishes the Tasks in order.
     */
    @Test
    void aStackOverflowInACallbackEndsRunForever() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Task<String> j0 = javaYielder("J0", 4, log, i -> { });
        Task<Integer> k1 = KotlinStepper.launch(loop, "K1", 4, (i, previous) -> {
            if (i < 4) {
                log.add("K1 " + i);
            }
            if (i == 1) {
                loop.callSoon(() -> {
                    log.add("overflow");
                    recurse(0);
                });
            }
            return null;
        });
        Task<String> j2 = javaYielder("J2", 4, log, i -> { });
        assertThrows(StackOverflowError.class, loop::runForever);
        assertFalse(loop.isRunning());
        List<String> expected = new ArrayList<>(rounds(0, 2, "J0", "K1", "J2"));
        expected.add("J0 2");
        expected.add("overflow");
        assertEquals(expected, List.copyOf(log));
        assertEquals(List.of("J0", 4, "J2"), loop.runUntilComplete(Asyncio.gather(j0, k1, j2)));
        expected.addAll(List.of("K1 2", "J2 2"));
        expected.addAll(rounds(3, 4, "J0", "K1", "J2"));
        assertEquals(expected, List.copyOf(log));
    }

    /**
     * {@code stop()} from a Java body and from a callback scheduled in the middle of a Java-heavy batch: each
     * {@code runForever} returns to its caller at the end of that iteration, and the next run resumes there.
     * <pre>
     * loop = asyncio.new_event_loop(); log = []
     * async def t(name, stop_at=None, soon_stop_at=None):
     *     for i in range(6):
     *         log.append(f"{name} {i}")
     *         if i == stop_at: loop.stop()
     *         if i == soon_stop_at: loop.call_soon(loop.stop)
     *         await asyncio.sleep(0)
     *     return name
     * ts = [loop.create_task(t("J1", stop_at=2)), loop.create_task(t("K1")), loop.create_task(t("J2", soon_stop_at=3))]
     * loop.run_forever()  # log: J1 0, K1 0, J2 0, J1 1, K1 1, J2 1, J1 2, K1 2, J2 2
     * loop.run_forever()  # log: J1 3, K1 3, J2 3, J1 4, K1 4, J2 4
     * loop.run_until_complete(asyncio.gather(*ts))  # log: J1 5, K1 5, J2 5
     * </pre>
     */
    @Test
    void stopFromABodyAndFromACallbackMidBatchReturnsToTheCallerAndTheNextRunResumes() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Task<String> j1 = javaYielder("J1", 6, log, i -> {
            if (i == 2) {
                loop.stop();
            }
        });
        Task<Integer> k1 = kotlinYielder("K1", 6, log);
        Task<String> j2 = javaYielder("J2", 6, log, i -> {
            if (i == 3) {
                loop.callSoon(loop::stop);
            }
        });
        Thread caller = Thread.currentThread();
        loop.runForever();
        assertSame(caller, Thread.currentThread());
        assertFalse(loop.isRunning());
        assertEquals(rounds(0, 3, "J1", "K1", "J2"), List.copyOf(log));
        log.clear();
        loop.runForever();
        assertEquals(rounds(3, 5, "J1", "K1", "J2"), List.copyOf(log));
        log.clear();
        List<Object> results = loop.runUntilComplete(Asyncio.gather(j1, k1, j2));
        assertEquals(rounds(5, 6, "J1", "K1", "J2"), List.copyOf(log));
        assertEquals(List.of("J1", 6, "J2"), results);
    }

    /**
     * A callback that interrupts the thread it runs on while Java bodies interleave: the interrupt is the caller's
     * (it reaches the thread that called {@code runUntilComplete} when the run returns), never a Java body's.
     */
    @Test
    void anInterruptFromACallbackReachesTheCallerNotAJavaBody() {
        LoopTesting.assumeBodiesOnThreads();
        List<String> sawInterrupt = Collections.synchronizedList(new ArrayList<>());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Task<String>> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String name = "J" + t;
            tasks.add(javaYielder(name, 8, log, i -> {
                if (Thread.currentThread().isInterrupted()) {
                    sawInterrupt.add(name + " " + i);
                }
                if (name.equals("J1") && i == 2) {
                    loop.callSoon(() -> {
                        log.add("interrupt");
                        Thread.currentThread().interrupt();
                    });
                }
            }));
        }
        Task<Integer> k = kotlinYielder("K", 8, log);
        List<Object> results = loop.runUntilComplete(Asyncio.gather(tasks.get(0), tasks.get(1), tasks.get(2), k));
        assertTrue(Thread.interrupted(), "runUntilComplete() returned without the interrupt of its turn");
        assertEquals(List.of("J0", "J1", "J2", 8), results);
        assertEquals(List.of(), sawInterrupt, "a Java body saw the interrupt a callback made");
        assertEquals(8 * 4 + 1, log.size());
    }

    /** The same from {@code runForever}, stopped by a later callback of a Java body. */
    @Test
    void anInterruptFromACallbackReachesTheCallerOfRunForever() {
        LoopTesting.assumeBodiesOnThreads();
        List<String> sawInterrupt = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 3; t++) {
            String name = "J" + t;
            javaYielder(name, 8, new ArrayList<>(), i -> {
                if (Thread.currentThread().isInterrupted()) {
                    sawInterrupt.add(name + " " + i);
                }
                if (name.equals("J0") && i == 1) {
                    loop.callSoon(() -> Thread.currentThread().interrupt());
                }
                if (name.equals("J2") && i == 5) {
                    loop.callSoon(loop::stop);
                }
            });
        }
        loop.runForever();
        assertTrue(Thread.interrupted(), "runForever() returned without the interrupt of its turn");
        assertEquals(List.of(), sawInterrupt, "a Java body saw the interrupt a callback made");
    }

    /**
     * A Java body whose own thread another thread interrupts keeps seeing its flag across awaits (the
     * restore-the-flag idiom works in a body, as on any thread); the other bodies and the caller never see it.
     */
    @Test
    void aBodyInterruptedByAnotherThreadKeepsItsOwnFlag() throws InterruptedException {
        LoopTesting.assumeBodiesOnThreads();
        List<String> sawInterrupt = Collections.synchronizedList(new ArrayList<>());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bodyReady = new CountDownLatch(1);
        Thread[] bodyThread = new Thread[1];
        Future<Void> interrupted = loop.createFuture();
        Thread interrupter = new Thread(() -> {
            try {
                bodyReady.await();
            } catch (InterruptedException e) {
                return;
            }
            // Sent while the body waits for its turn: a body's thread may be running the loop's callbacks meanwhile
            // (JDK 21+, the turn passed like a baton), and an interrupt arriving during a callback is taken as the
            // callback's own, meant for runForever's caller (see EventLoopImpl.runNext).
            while (bodyThread[0].getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            bodyThread[0].interrupt();
            loop.callSoonThreadsafe(() -> interrupted.setResult(null));
        }, "interrupter");
        interrupter.start();
        Task<Boolean> victim = loop.createTask(() -> {
            bodyThread[0] = Thread.currentThread();
            bodyReady.countDown();
            Asyncio.await(interrupted);
            boolean kept = Thread.currentThread().isInterrupted();
            for (int i = 0; i < 4; i++) {
                log.add("victim " + i);
                Asyncio.await(Asyncio.sleep(0));
                kept &= Thread.currentThread().isInterrupted();
            }
            return kept & Thread.interrupted();
        }, "victim");
        List<Task<String>> others = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String name = "J" + t;
            others.add(javaYielder(name, 20, log, i -> {
                if (Thread.currentThread().isInterrupted()) {
                    sawInterrupt.add(name + " " + i);
                }
            }));
        }
        Task<Integer> k = kotlinYielder("K", 20, log);
        List<Object> results = loop.runUntilComplete(Asyncio.gather(victim, others.get(0), others.get(1), k));
        interrupter.join(10_000);
        assertEquals(List.of(true, "J0", "J1", 20), results, "the victim body lost its own interrupt flag");
        assertEquals(List.of(), sawInterrupt, "another Java body saw the victim's interrupt");
        assertFalse(Thread.interrupted(), "the caller of runUntilComplete() got the victim body's interrupt");
    }

    /**
     * A Java body that keeps its interrupt flag set (interrupted by another thread, or by itself: the restore-the-flag
     * idiom) keeps it to itself: the callbacks and Kotlin steps that run between its steps never see an interrupted
     * thread, whichever thread carries them.
     */
    @Test
    void aBodysInterruptFlagDoesNotReachCallbacksOrKotlinSteps() {
        LoopTesting.assumeBodiesOnThreads();
        List<String> sawInterrupt = Collections.synchronizedList(new ArrayList<>());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Task<Boolean> victim = loop.createTask(() -> {
            Thread.currentThread().interrupt();
            boolean kept = true;
            for (int i = 0; i < 10; i++) {
                int n = i;
                loop.callSoon(() -> {
                    if (Thread.currentThread().isInterrupted()) {
                        sawInterrupt.add("callback " + n);
                    }
                });
                Future<Integer> f = loop.createFuture();
                loop.callSoon(() -> f.setResult(n));
                Asyncio.await(i % 2 == 0 ? Asyncio.sleep(0, n) : f);
                kept &= Thread.currentThread().isInterrupted();
            }
            return kept & Thread.interrupted();
        }, "victim");
        Task<Integer> k = KotlinStepper.launch(loop, "K", 20, (i, previous) -> {
            if (Thread.currentThread().isInterrupted()) {
                sawInterrupt.add("kotlin step " + i);
            }
            return null;
        });
        Task<String> j = javaYielder("J", 20, log, i -> {
            if (Thread.currentThread().isInterrupted()) {
                sawInterrupt.add("java step " + i);
            }
        });
        List<Object> results = loop.runUntilComplete(Asyncio.gather(victim, k, j));
        assertEquals(List.of(true, 20, "J"), results, "the victim body lost its own interrupt flag");
        assertEquals(List.of(), sawInterrupt, "the victim body's interrupt reached other loop work");
        assertFalse(Thread.interrupted(), "the caller of runUntilComplete() got the victim body's interrupt");
    }

    /**
     * A Java Task cancelled at each of its await points in turn (by a callback, or by another Java Task), while a
     * Java and a Kotlin Task go on: it sees CancelledError exactly there, what it awaited is cancelled with it (an
     * awaited Task too, as CPython's {@code fut_waiter.cancel()}), and the others finish.
     */
    @Test
    void aJavaTaskCancelledAtEachAwaitPointWhileOthersRun() {
        int awaits = 6;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (int c = 0; c < awaits; c++) {
                for (boolean byTask : new boolean[] {false, true}) {
                    cancelAt(c, byTask, awaits, pool);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    private void cancelAt(int c, boolean byTask, int awaits, ExecutorService pool) {
        String where = "cancel at await " + c + (byTask ? " by a Task" : " by a callback");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> awaited = new ArrayList<>();
        Task<?>[] self = new Task<?>[1];
        Task<String> victim = loop.createTask(() -> {
            try {
                for (int i = 0; i < awaits; i++) {
                    if (i == c) {
                        if (byTask) {
                            loop.createTask(() -> {
                                log.add("canceller");
                                self[0].cancel();
                                return null;
                            });
                        } else {
                            loop.callSoon(() -> {
                                log.add("canceller");
                                self[0].cancel();
                            });
                        }
                    }
                    Future<?> f = awaitPoint(i, pool);
                    awaited.add(f);
                    Asyncio.await(f);
                    log.add("awaited " + i);
                }
            } catch (CancelledError e) {
                log.add("cancelled at " + (awaited.size() - 1));
                throw e;
            }
            return "not cancelled";
        }, "victim");
        self[0] = victim;
        List<String> others = new ArrayList<>();
        Task<String> j = javaYielder("J", 12, others, i -> { });
        Task<Integer> k = kotlinYielder("K", 12, others);
        List<Object> results = loop.runUntilComplete(Asyncio.gatherReturnExceptions(List.of(victim, j, k)));
        assertInstanceOf(CancelledError.class, results.get(0), where);
        assertEquals(List.of("J", 12), results.subList(1, 3), where);
        assertTrue(victim.isCancelled(), where);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            expected.add("awaited " + i);
        }
        expected.add("canceller");
        expected.add("cancelled at " + c);
        assertEquals(expected, log, where);
        assertEquals(c + 1, awaited.size(), where);
        Future<?> last = awaited.get(c);
        assertTrue(last.isDone(), where + ": the awaited Future was left pending");
        if (c != 0) { // sleep(0) may have no Future of its own to cancel
            assertTrue(last.isCancelled(), where + ": the awaited " + last + " was not cancelled with the Task");
        }
        assertEquals(24, others.size(), where);
    }

    /** Await point {@code i} of the cancelled Task: every kind of Future in turn. */
    private Future<?> awaitPoint(int i, ExecutorService pool) {
        switch (i) {
            case 0:
                return Asyncio.sleep(0);
            case 1: {
                Future<Integer> f = loop.createFuture();
                loop.callSoon(() -> {
                    if (!f.isDone()) {
                        f.setResult(1);
                    }
                });
                return f;
            }
            case 2:
                return loop.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0));
                    Asyncio.await(Asyncio.sleep(0.001));
                    return 2;
                }, "inner-java");
            case 3:
                return KotlinStepper.launch(loop, "inner-kotlin", 3, (n, previous) -> null);
            case 4:
                return Asyncio.sleep(0.001);
            default:
                return loop.runInExecutor(pool, () -> i);
        }
    }

    /**
     * Callbacks of every kind scheduled from a Java body run on the loop's turn with no current Task: the running
     * loop is the loop, the wrong-thread check passes, never two at once.
     */
    @Test
    void callbacksScheduledFromAJavaBodySeeTheRunningLoopAndNoCurrentTask() {
        TurnHandOffStressTest.Turn[] turn = new TurnHandOffStressTest.Turn[1];
        List<Task<Void>> bodies = new ArrayList<>();
        int rounds = 30;
        loop.runUntilComplete(() -> {
            turn[0] = new TurnHandOffStressTest.Turn(loop);
            for (int t = 0; t < 4; t++) {
                Task<?>[] self = new Task<?>[1];
                Task<Void> body = loop.createTask(() -> {
                    for (int i = 0; i < rounds; i++) {
                        turn[0].piece("body", self[0]);
                        loop.callSoon(() -> turn[0].piece("callSoon", null));
                        loop.callLater(0, () -> turn[0].piece("callLater 0", null));
                        loop.callLater(0.001, () -> turn[0].piece("callLater 1ms", null));
                        loop.callSoonThreadsafe(() -> turn[0].piece("callSoonThreadsafe", null));
                        Future<Integer> f = loop.createFuture();
                        f.addDoneCallback(x -> turn[0].piece("done callback", null));
                        f.setResult(i);
                        Future<?> next = i % 2 == 0 ? Asyncio.sleep(0) : f;
                        Asyncio.await(next);
                    }
                    return null;
                });
                self[0] = body;
                bodies.add(body);
            }
            Asyncio.await(Asyncio.gather(bodies));
            Asyncio.await(Asyncio.sleep(0.01)); // after the last 1 ms timers, by the loop's clock
            return null;
        });
        List<String> failures = new ArrayList<>(turn[0].failures);
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
        for (String kind : List.of("body", "callSoon", "callLater 0", "callLater 1ms", "callSoonThreadsafe",
                "done callback")) {
            assertEquals(4L * rounds, turn[0].count(kind), kind);
        }
    }

    /**
     * Running a loop from inside the loop's turn is refused the same way from a Java body, a Kotlin step and a
     * callback (whichever thread carries the turn): this loop ("already running"), another loop ("another loop is
     * running in this thread") and {@code Asyncio.run}; and a thread a body starts sees no running loop.
     */
    @Test
    void runningALoopFromInsideTheTurnIsRefusedEverywhere() {
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        EventLoop other = Asyncio.newEventLoop();
        try {
            Task<String> j = loop.createTask(() -> {
                tryNestedRuns("java body", other, outcomes);
                Asyncio.await(Asyncio.sleep(0));
                tryNestedRuns("java body after an await", other, outcomes);
                String[] seen = new String[1];
                Thread child = new Thread(() -> {
                    try {
                        seen[0] = "running loop " + Asyncio.getRunningLoop();
                    } catch (IllegalStateException e) {
                        seen[0] = "no running loop";
                    }
                });
                child.start();
                child.join();
                return seen[0];
            });
            Task<Integer> k = KotlinStepper.launch(loop, "K", 1, (i, previous) -> {
                tryNestedRuns("kotlin step " + i, other, outcomes);
                return null;
            });
            loop.callSoon(() -> tryNestedRuns("callback", other, outcomes));
            List<Object> results = loop.runUntilComplete(Asyncio.gather(j, k));
            assertEquals(List.of("no running loop", 1), results);
        } finally {
            other.close();
        }
        List<String> expected = new ArrayList<>();
        for (String where : List.of("java body", "kotlin step 0", "callback", "java body after an await",
                "kotlin step 1")) {
            expected.add(where + ": this loop refused (already running)");
            expected.add(where + ": another loop refused (another loop is running in this thread)");
            expected.add(where + ": Asyncio.run refused (cannot be called from a running event loop)");
        }
        assertEquals(expected, outcomes);
    }

    private static void tryNestedRuns(String where, EventLoop other, List<String> outcomes) {
        EventLoop loop = Asyncio.getRunningLoop();
        outcomes.add(where + ": this loop " + refusal(() -> loop.runUntilComplete(loop.createFuture()),
                "already running"));
        outcomes.add(where + ": another loop " + refusal(other::runForever, "another loop is running in this thread"));
        outcomes.add(where + ": Asyncio.run " + refusal(() -> Asyncio.run(() -> null),
                "cannot be called from a running event loop"));
    }

    private static String refusal(Runnable run, String expected) {
        try {
            run.run();
            return "ran";
        } catch (IllegalStateException e) {
            return e.getMessage().contains(expected) ? "refused (" + expected + ")" : "refused: " + e.getMessage();
        }
    }

    /**
     * {@code close()} after a run that a body stopped mid-way, with Java bodies parked at their awaits: each body is
     * woken with CancelledError (its cleanup runs) before {@code close()} returns.
     */
    @Test
    void closeAfterAStoppedRunWakesTheParkedBodiesWithCancelledError() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean overlap = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            String name = "J" + t;
            loop.createTask(() -> {
                try {
                    for (int i = 0; i < 4; i++) {
                        log.add(name + " " + i);
                        if (name.equals("J0") && i == 3) {
                            loop.stop();
                        }
                        Asyncio.await(i < 3 ? Asyncio.sleep(0) : Asyncio.sleep(3600));
                    }
                } catch (CancelledError e) {
                    if (inside.incrementAndGet() != 1) {
                        overlap.set(true);
                    }
                    log.add(name + " cancelled");
                    inside.decrementAndGet();
                    throw e;
                }
                return name;
            }, name);
        }
        loop.runForever();
        assertEquals(rounds(0, 4, "J0", "J1", "J2", "J3"), List.copyOf(log));
        log.clear();
        loop.close();
        log.add("closed");
        assertEquals(List.of("J0 cancelled", "J1 cancelled", "J2 cancelled", "J3 cancelled", "closed"),
                log.stream().sorted().toList());
        assertEquals("closed", log.get(log.size() - 1), "close() returned before the bodies' cleanups: " + log);
        assertFalse(overlap.get(), "the cleanups overlapped");
        assertEquals(4, errors.stream()
                .filter(ctx -> ctx.message().startsWith("Task was destroyed but it is pending!")).count(), errors.toString());
    }
}
