package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.kotlin.Suspend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop's one logical thread under every kind of work at once (issue 12, "correctness first"): Java Tasks awaiting
 * every kind of Future, Kotlin Tasks, plain callbacks and timers, and {@code callSoonThreadsafe} from several foreign
 * platform threads, interleaved at random with a fixed seed. Every piece of loop work passes through one critical
 * section check ({@link Turn#piece}): never two pieces at once, and inside each the loop runs, is the running loop,
 * the current Task is the right one and the wrong-thread check passes. Whatever thread carries the turn (today the
 * loop's, or a body's during its step; with baton passing, whichever body holds it), these must hold.
 *
 * <p>The seed is printed; {@code -Dasyncio4j.turnHandOff.seed=N} replays another one, and
 * {@code -Dasyncio4j.turnHandOff.repeat=N} runs N seeds from there (every other number).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TurnHandOffStressTest {
    private static final long SEED = Long.getLong("asyncio4j.turnHandOff.seed", 20261201L);

    /** What a step awaits next. */
    enum Kind {
        /** {@code Asyncio.sleep(0, k)} (Kotlin: {@code sleep(0.0)}, a bare yield). */
        SLEEP0,
        /** A Future a {@code callSoon} callback completes. */
        CALLBACK,
        /** A Future a {@code callLater} timer completes (0 to 2 ms of loop time). */
        TIMER,
        /** A Future another Java Task completes after a step of its own. */
        BY_JAVA_TASK,
        /** A Future another Kotlin Task completes after a step of its own. */
        BY_KOTLIN_TASK,
        /** A Future a foreign platform thread completes through {@code callSoonThreadsafe}. */
        BY_FOREIGN_THREAD,
        /** {@code runInExecutor} on a pool of the test. */
        EXECUTOR,
        /** {@code Asyncio.sleep(0, k)} after scheduling a loose {@code callSoon} and a loose {@code callLater}. */
        LOOSE_CALLBACKS,
        /**
         * Java: {@code Suspend.await} of a Kotlin suspend function that does a piece, yields, and does another. Kotlin:
         * {@code withContext(Dispatchers.Default)} and back instead of a yield.
         */
        SUSPEND_OR_HOP,
    }

    /**
     * The check every piece of loop work enters: a critical section that must never be entered twice at once, and
     * the threading model's promises inside it. Failures are collected (a throw inside a callback would only reach
     * the exception handler) and asserted at the end.
     */
    static final class Turn {
        private static final Runnable NOTHING = () -> { };

        final EventLoop loop;
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private long sink;

        Turn(EventLoop loop) {
            this.loop = loop;
        }

        void fail(String what) {
            failures.add(what + " [thread " + Thread.currentThread() + "]");
        }

        /** One piece of loop work of kind {@code what}, inside Task {@code task} (null: a callback, no Task). */
        void piece(String what, Task<?> task) {
            int n = inside.incrementAndGet();
            try {
                if (n != 1) {
                    overlaps.incrementAndGet();
                    fail(what + ": " + n + " pieces of loop work at once");
                }
                if (!loop.isRunning()) {
                    fail(what + ": loop.isRunning() is false");
                }
                try {
                    EventLoop running = Asyncio.getRunningLoop();
                    if (running != loop) {
                        fail(what + ": getRunningLoop() is " + running);
                    }
                } catch (RuntimeException e) {
                    fail(what + ": getRunningLoop() threw " + e);
                }
                try {
                    Task<?> current = Asyncio.currentTask();
                    if (current != task) {
                        fail(what + ": currentTask() is " + current + ", expected " + task);
                    }
                } catch (RuntimeException e) {
                    fail(what + ": currentTask() threw " + e);
                }
                try {
                    loop.callSoon(NOTHING); // the wrong-thread check
                } catch (RuntimeException e) {
                    fail(what + ": callSoon threw " + e);
                }
                long x = sink; // a little work, no sleep: another piece running now would show up in `inside`
                for (int i = 0; i < 256; i++) {
                    x = x * 31 + i;
                    if ((i & 15) == 0) {
                        Thread.onSpinWait();
                    }
                }
                sink = x;
                counts.computeIfAbsent(what, k -> new LongAdder()).increment();
            } finally {
                inside.decrementAndGet();
            }
        }

        /** A thread off the loop's turn ({@code what}): no running loop, and the wrong-thread check refuses it. */
        void offLoop(String what) {
            try {
                EventLoop running = Asyncio.getRunningLoop();
                fail(what + ": getRunningLoop() off the loop's turn gave " + running);
            } catch (IllegalStateException expected) {
                // no running loop here
            }
            if (loop.isRunning()) {
                try {
                    loop.callSoon(NOTHING);
                    fail(what + ": callSoon() off the loop's turn was let through");
                } catch (IllegalStateException expected) {
                    // refused: the loop runs in another thread
                }
            }
            counts.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        long count(String what) {
            LongAdder a = counts.get(what);
            return a == null ? 0 : a.sum();
        }
    }

    /** The program's shape. */
    record Shape(int javaTasks, int kotlinTasks, int steps, int spammers, int callsPerSpammer, int servers) {
    }

    /** What one run of the program did, counted by what was planned (from the seed) and what ran. */
    static final class Outcome {
        final Map<String, Long> expected = new TreeMap<>();
        final Map<String, Long> actual = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        int overlaps;
    }

    private static final String JAVA_STEP = "java step";
    private static final String KOTLIN_STEP = "kotlin step";

    static Outcome run(Shape shape, long seed, boolean debug) throws InterruptedException {
        System.out.println("TurnHandOffStressTest seed=" + seed + " (replay: -Dasyncio4j.turnHandOff.seed=" + seed
                + ") " + shape + " debug=" + debug);
        Random random = new Random(seed);
        Kind[] kinds = Kind.values();
        int tasks = shape.javaTasks() + shape.kotlinTasks();
        Kind[][] plans = new Kind[tasks][shape.steps()];
        double[][] delays = new double[tasks][shape.steps()];
        Map<String, Long> expected = new TreeMap<>();
        for (int t = 0; t < tasks; t++) {
            for (int k = 0; k < shape.steps(); k++) {
                plans[t][k] = kinds[random.nextInt(kinds.length)];
                delays[t][k] = random.nextInt(3) * 0.001;
                String piece = switch (plans[t][k]) {
                    case CALLBACK -> "callback";
                    case TIMER -> "timer";
                    case BY_JAVA_TASK -> "java child";
                    case BY_KOTLIN_TASK -> "kotlin child";
                    case BY_FOREIGN_THREAD -> "threadsafe reply";
                    case EXECUTOR -> "executor";
                    case LOOSE_CALLBACKS -> "loose";
                    case SUSPEND_OR_HOP -> t < shape.javaTasks() ? "suspend call" : null;
                    default -> null;
                };
                if (piece != null) {
                    // a child Task does two pieces; loose callbacks are two (callSoon and callLater)
                    long each = plans[t][k] == Kind.BY_JAVA_TASK || plans[t][k] == Kind.BY_KOTLIN_TASK
                            || plans[t][k] == Kind.LOOSE_CALLBACKS || plans[t][k] == Kind.SUSPEND_OR_HOP ? 2 : 1;
                    expected.merge(piece, each, Long::sum);
                }
            }
        }
        expected.put(JAVA_STEP, (long) shape.javaTasks() * (shape.steps() + 1));
        expected.put(KOTLIN_STEP, (long) shape.kotlinTasks() * (shape.steps() + 1));
        expected.put("foreign", (long) shape.spammers() * shape.callsPerSpammer());
        expected.put("foreign thread", (long) shape.spammers() * shape.callsPerSpammer());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        LinkedBlockingQueue<Runnable> requests = new LinkedBlockingQueue<>();
        Runnable stopServing = () -> { };
        List<Thread> foreign = new ArrayList<>();
        Turn[] turnHolder = new Turn[1];
        long expectedSum = (long) shape.steps() * (shape.steps() - 1) / 2;
        try {
            List<Long> results = Asyncio.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Turn turn = new Turn(loop);
                turnHolder[0] = turn;
                List<Future<Void>> foreignDone = new ArrayList<>();
                for (int s = 0; s < shape.spammers(); s++) {
                    Future<Void> done = loop.createFuture();
                    foreignDone.add(done);
                    Semaphore ran = new Semaphore(0);
                    Thread th = new Thread(() -> {
                        try {
                            for (int m = 0; m < shape.callsPerSpammer(); m++) {
                                turn.offLoop("foreign thread");
                                loop.callSoonThreadsafe(() -> {
                                    turn.piece("foreign", null);
                                    ran.release();
                                });
                                ran.acquire(); // one at a time: spread over the whole run, not sent in one burst
                            }
                        } catch (InterruptedException e) {
                            turn.fail("spammer interrupted");
                        } finally {
                            loop.callSoonThreadsafe(() -> done.setResult(null));
                        }
                    }, "turn-spammer-" + s);
                    th.setDaemon(true);
                    foreign.add(th);
                }
                for (int s = 0; s < shape.servers(); s++) {
                    Future<Void> done = loop.createFuture();
                    foreignDone.add(done);
                    Thread th = new Thread(() -> {
                        try {
                            for (Runnable r = requests.take(); r != stopServing; r = requests.take()) {
                                r.run();
                            }
                        } catch (InterruptedException e) {
                            turn.fail("server interrupted");
                        } finally {
                            loop.callSoonThreadsafe(() -> done.setResult(null));
                        }
                    }, "turn-server-" + s);
                    th.setDaemon(true);
                    foreign.add(th);
                }
                foreign.forEach(Thread::start);

                List<Task<?>> all = new ArrayList<>();
                for (int t = 0; t < tasks; t++) {
                    Kind[] plan = plans[t];
                    double[] delay = delays[t];
                    Task<?>[] self = new Task<?>[1];
                    if (t < shape.javaTasks()) {
                        self[0] = loop.createTask(() -> {
                            long sum = 0;
                            for (int k = 0; k < plan.length; k++) {
                                turn.piece(JAVA_STEP, self[0]);
                                int n = k;
                                Integer v = plan[k] == Kind.SUSPEND_OR_HOP
                                        ? Suspend.await(c -> KotlinStepper.pieceYieldPiece(
                                                () -> turn.piece("suspend call", self[0]), n, c))
                                        : Asyncio.await(next(turn, plan[k], k, delay[k], pool, requests));
                                if (v == null || v != k) {
                                    turn.fail("java await " + k + " (" + plan[k] + ") gave " + v);
                                }
                                sum += k;
                            }
                            turn.piece(JAVA_STEP, self[0]);
                            return sum;
                        }, "java-" + t);
                    } else {
                        long[] sum = {0};
                        Task<Integer> kt = KotlinStepper.launchHopping(loop, "kotlin-" + t, plan.length,
                                k -> plan[k] == Kind.SUSPEND_OR_HOP, (k, previous) -> {
                            if (k > 0) {
                                Object want = plan[k - 1] == Kind.SLEEP0 || plan[k - 1] == Kind.SUSPEND_OR_HOP
                                        ? null : (Object) (k - 1);
                                if (!java.util.Objects.equals(want, previous)) {
                                    turn.fail("kotlin await " + (k - 1) + " (" + plan[k - 1] + ") gave " + previous);
                                }
                                sum[0] += k - 1;
                            }
                            turn.piece(KOTLIN_STEP, self[0]);
                            if (k == plan.length || plan[k] == Kind.SLEEP0 || plan[k] == Kind.SUSPEND_OR_HOP) {
                                return null;
                            }
                            return next(turn, plan[k], k, delay[k], pool, requests);
                        });
                        self[0] = kt;
                        Task<Long> sumTask = loop.createTask(() -> {
                            Asyncio.await(kt);
                            return sum[0];
                        }, "kotlin-sum-" + t);
                        all.add(sumTask);
                        continue;
                    }
                    all.add(self[0]);
                }
                List<Long> out = new ArrayList<>();
                for (Task<?> t : all) {
                    out.add((Long) Asyncio.await(t));
                }
                for (int s = 0; s < shape.servers(); s++) {
                    requests.add(stopServing);
                }
                for (Future<Void> f : foreignDone) {
                    Asyncio.await(f);
                }
                // the loose timers (at most 2 ms of loop time) fire before this one
                Asyncio.await(Asyncio.sleep(0.01));
                return out;
            }, debug);
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expectedSum, results.get(i), "task " + i + " ended with the wrong result");
            }
        } finally {
            pool.shutdownNow();
            for (Thread th : foreign) {
                th.interrupt();
                th.join(10_000);
            }
        }
        Turn turn = turnHolder[0];
        Outcome outcome = new Outcome();
        outcome.expected.putAll(expected);
        for (String what : expected.keySet()) {
            outcome.actual.put(what, turn.count(what));
        }
        outcome.failures.addAll(turn.failures);
        outcome.overlaps = turn.overlaps.get();
        return outcome;
    }

    /** The Future step {@code k} awaits, of kind {@code kind}; it gives {@code k}. */
    private static Future<Integer> next(Turn turn, Kind kind, int k, double delay, ExecutorService pool,
            Queue<Runnable> requests) {
        EventLoop loop = turn.loop;
        switch (kind) {
            case SLEEP0:
                return Asyncio.sleep(0, k);
            case CALLBACK: {
                Future<Integer> f = loop.createFuture();
                loop.callSoon(() -> {
                    turn.piece("callback", null);
                    f.setResult(k);
                });
                return f;
            }
            case TIMER: {
                Future<Integer> f = loop.createFuture();
                loop.callLater(delay, () -> {
                    turn.piece("timer", null);
                    f.setResult(k);
                });
                return f;
            }
            case BY_JAVA_TASK: {
                Future<Integer> f = loop.createFuture();
                Task<?>[] child = new Task<?>[1];
                child[0] = loop.createTask(() -> {
                    turn.piece("java child", child[0]);
                    Asyncio.await(Asyncio.sleep(0));
                    turn.piece("java child", child[0]);
                    f.setResult(k);
                    return null;
                });
                return f;
            }
            case BY_KOTLIN_TASK: {
                Future<Integer> f = loop.createFuture();
                Task<?>[] child = new Task<?>[1];
                child[0] = KotlinStepper.launch(loop, "kotlin-child", 1, (i, previous) -> {
                    turn.piece("kotlin child", child[0]);
                    if (i == 1) {
                        f.setResult(k);
                    }
                    return null;
                });
                return f;
            }
            case BY_FOREIGN_THREAD: {
                Future<Integer> f = loop.createFuture();
                requests.add(() -> loop.callSoonThreadsafe(() -> {
                    turn.piece("threadsafe reply", null);
                    f.setResult(k);
                }));
                return f;
            }
            case EXECUTOR:
                return loop.runInExecutor(pool, () -> {
                    turn.offLoop("executor");
                    return k;
                });
            case SUSPEND_OR_HOP:
                throw new AssertionError("no Future to await: " + kind);
            case LOOSE_CALLBACKS:
                loop.callSoon(() -> turn.piece("loose", null));
                loop.callLater(delay, () -> turn.piece("loose", null));
                return Asyncio.sleep(0, k);
            default:
                throw new AssertionError(kind);
        }
    }

    private static void assertClean(Outcome outcome) {
        List<String> first = outcome.failures.subList(0, Math.min(10, outcome.failures.size()));
        assertEquals(0, outcome.overlaps, "pieces of loop work overlapped (" + outcome.failures.size()
                + " broken promises in all), first: " + first);
        assertTrue(outcome.failures.isEmpty(), outcome.failures.size() + " broken promises, first: " + first);
        assertEquals(outcome.expected, outcome.actual, "work was lost or duplicated");
    }

    /** How many seeds (from {@link #SEED} on) the main test runs: 1, or {@code -Dasyncio4j.turnHandOff.repeat=N}. */
    private static final int REPEAT = Integer.getInteger("asyncio4j.turnHandOff.repeat", 1);

    @Test
    void javaAndKotlinTasksCallbacksAndForeignThreadsNeverOverlap() throws InterruptedException {
        for (int r = 0; r < REPEAT; r++) {
            assertClean(run(new Shape(20, 20, 1000, 3, 1000, 2), SEED + 2L * r, false));
        }
    }

    /**
     * Two loops, each in a thread of its own, run the program at once: each keeps its own turn (the running loop of
     * every piece is its own loop), whatever threads their bodies and carriers are.
     */
    @Test
    void twoLoopsRunningAtOnceKeepTheirOwnTurns() throws Exception {
        Shape shape = new Shape(6, 6, 300, 1, 300, 1);
        Outcome[] outcomes = new Outcome[2];
        Throwable[] thrown = new Throwable[2];
        List<Thread> runners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i;
            runners.add(new Thread(() -> {
                try {
                    outcomes[n] = run(shape, SEED + 100 + n, false);
                } catch (Throwable t) {
                    thrown[n] = t;
                }
            }, "loop-runner-" + i));
        }
        runners.forEach(Thread::start);
        for (Thread t : runners) {
            t.join();
        }
        for (int i = 0; i < 2; i++) {
            if (thrown[i] != null) {
                throw new AssertionError("loop " + i + " failed", thrown[i]);
            }
            assertClean(outcomes[i]);
        }
    }

    @Test
    void theSameGuaranteesHoldInDebugMode() throws InterruptedException {
        assertClean(run(new Shape(8, 8, 200, 2, 200, 1), SEED + 1, true));
    }
}
