package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython's ordering across mixed kinds of loop work, which the turn's hand-off between threads must keep exactly
 * (issue 12): Java Tasks (J*), Kotlin Tasks (K*) and callbacks in one FIFO of ready work, a Future's callbacks run in
 * order each to completion (a woken Java Task's step included), round-robin {@code sleep(0)}. Each expected list is
 * the output of the Python program in the test's comment, run with CPython 3.11.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TurnHandOffOrderingTest {
    /** A Kotlin Task that logs {@code "<name> <i>"} and yields ({@code sleep(0.0)}) {@code n} times, then "done". */
    private static Task<Integer> kotlinYielder(EventLoop loop, String name, int n, List<String> log) {
        return KotlinStepper.launch(loop, name, n, (i, previous) -> {
            log.add(i == n ? name + " done" : name + " " + i);
            return null;
        });
    }

    /**
     * <pre>
     * async def main():
     *     loop = asyncio.get_running_loop(); log = []; f = loop.create_future()
     *     async def waiter(name):
     *         log.append(f"{name} start")
     *         v = await f
     *         log.append(f"{name} woke {v}")
     *         loop.call_soon(log.append, f"{name} soon")
     *         await asyncio.sleep(0)
     *         log.append(f"{name} end")
     *     j1 = asyncio.create_task(waiter("J1")); k1 = asyncio.create_task(waiter("K1"))
     *     await asyncio.sleep(0)
     *     f.add_done_callback(lambda _: log.append("cb1"))
     *     j2 = asyncio.create_task(waiter("J2"))
     *     await asyncio.sleep(0)
     *     f.add_done_callback(lambda _: log.append("cb2"))
     *     loop.call_soon(f.set_result, 7)
     *     loop.call_soon(log.append, "after set")
     *     await asyncio.gather(j1, k1, j2)
     * # ['J1 start', 'K1 start', 'J2 start', 'after set', 'J1 woke 7', 'K1 woke 7', 'cb1', 'J2 woke 7', 'cb2',
     * #  'J1 soon', 'J1 end', 'K1 soon', 'K1 end', 'J2 soon', 'J2 end']
     * </pre>
     */
    @Test
    void aFuturesCallbacksRunInOrderAndAWokenJavaStepEndsBeforeTheNextCallback() {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            Future<Integer> f = loop.createFuture();
            Task<Void> j1 = loop.createTask(() -> javaWaiter(loop, "J1", f, out));
            Task<Integer> k1 = KotlinStepper.launch(loop, "K1", 2, (i, previous) -> {
                switch (i) {
                    case 0:
                        out.add("K1 start");
                        return f;
                    case 1:
                        out.add("K1 woke " + previous);
                        loop.callSoon(() -> out.add("K1 soon"));
                        return null;
                    default:
                        out.add("K1 end");
                        return null;
                }
            });
            Asyncio.await(Asyncio.sleep(0));
            f.addDoneCallback(x -> out.add("cb1"));
            Task<Void> j2 = loop.createTask(() -> javaWaiter(loop, "J2", f, out));
            Asyncio.await(Asyncio.sleep(0));
            f.addDoneCallback(x -> out.add("cb2"));
            loop.callSoon(() -> f.setResult(7));
            loop.callSoon(() -> out.add("after set"));
            Asyncio.await(Asyncio.gather(j1, k1, j2));
            return out;
        });
        assertEquals(List.of("J1 start", "K1 start", "J2 start", "after set", "J1 woke 7", "K1 woke 7", "cb1",
                "J2 woke 7", "cb2", "J1 soon", "J1 end", "K1 soon", "K1 end", "J2 soon", "J2 end"), log);
    }

    private static Void javaWaiter(EventLoop loop, String name, Future<Integer> f, List<String> log) {
        log.add(name + " start");
        int v = Asyncio.await(f);
        log.add(name + " woke " + v);
        loop.callSoon(() -> log.add(name + " soon"));
        Asyncio.await(Asyncio.sleep(0));
        log.add(name + " end");
        return null;
    }

    /**
     * <pre>
     * async def main():
     *     loop = asyncio.get_running_loop(); log = []
     *     async def t(name):
     *         log.append(f"{name} 1")
     *         loop.call_soon(log.append, f"{name} soon")
     *         await asyncio.sleep(0)
     *         log.append(f"{name} 2")
     *     loop.call_soon(log.append, "cb A")
     *     t1 = asyncio.create_task(t("J1"))
     *     loop.call_soon(log.append, "cb B")
     *     t2 = asyncio.create_task(t("K1"))
     *     loop.call_soon(log.append, "cb C")
     *     log.append("main awaits")
     *     await t1
     *     log.append("main after J1")
     *     await t2
     *     log.append("main end")
     * # ['main awaits', 'cb A', 'J1 1', 'cb B', 'K1 1', 'cb C', 'J1 soon', 'J1 2', 'K1 soon', 'K1 2',
     * #  'main after J1', 'main end']
     * </pre>
     */
    @Test
    void callSoonAndTaskStepsShareOneFifoAcrossIterations() {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            loop.callSoon(() -> out.add("cb A"));
            Task<Void> t1 = loop.createTask(() -> {
                out.add("J1 1");
                loop.callSoon(() -> out.add("J1 soon"));
                Asyncio.await(Asyncio.sleep(0));
                out.add("J1 2");
                return null;
            });
            loop.callSoon(() -> out.add("cb B"));
            Task<Integer> t2 = KotlinStepper.launch(loop, "K1", 1, (i, previous) -> {
                if (i == 0) {
                    out.add("K1 1");
                    loop.callSoon(() -> out.add("K1 soon"));
                } else {
                    out.add("K1 2");
                }
                return null;
            });
            loop.callSoon(() -> out.add("cb C"));
            out.add("main awaits");
            Asyncio.await(t1);
            out.add("main after J1");
            Asyncio.await(t2);
            out.add("main end");
            return out;
        });
        assertEquals(List.of("main awaits", "cb A", "J1 1", "cb B", "K1 1", "cb C", "J1 soon", "J1 2", "K1 soon",
                "K1 2", "main after J1", "main end"), log);
    }

    /**
     * <pre>
     * async def main():
     *     log = []
     *     async def t(name, n):
     *         for i in range(n):
     *             log.append(f"{name} {i}")
     *             await asyncio.sleep(0)
     *         log.append(f"{name} done")
     *     ts = [asyncio.create_task(t("J1", 3)), asyncio.create_task(t("K1", 2)),
     *           asyncio.create_task(t("J2", 4)), asyncio.create_task(t("K2", 1)), asyncio.create_task(t("J3", 2))]
     *     for i in range(2):
     *         log.append(f"main {i}")
     *         await asyncio.sleep(0)
     *     await asyncio.gather(*ts)
     * # ['main 0', 'J1 0', 'K1 0', 'J2 0', 'K2 0', 'J3 0', 'main 1', 'J1 1', 'K1 1', 'J2 1', 'K2 done', 'J3 1',
     * #  'J1 2', 'K1 done', 'J2 2', 'J3 done', 'J1 done', 'J2 3', 'J2 done']
     * </pre>
     */
    @Test
    void sleepZeroIsRoundRobinAcrossJavaAndKotlinTasks() {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            List<Future<?>> ts = new ArrayList<>();
            ts.add(loop.createTask(() -> javaYielder("J1", 3, out)));
            ts.add(kotlinYielder(loop, "K1", 2, out));
            ts.add(loop.createTask(() -> javaYielder("J2", 4, out)));
            ts.add(kotlinYielder(loop, "K2", 1, out));
            ts.add(loop.createTask(() -> javaYielder("J3", 2, out)));
            for (int i = 0; i < 2; i++) {
                out.add("main " + i);
                Asyncio.await(Asyncio.sleep(0));
            }
            Asyncio.await(Asyncio.gather(ts));
            return out;
        });
        assertEquals(List.of("main 0", "J1 0", "K1 0", "J2 0", "K2 0", "J3 0", "main 1", "J1 1", "K1 1", "J2 1",
                "K2 done", "J3 1", "J1 2", "K1 done", "J2 2", "J3 done", "J1 done", "J2 3", "J2 done"), log);
    }

    private static Void javaYielder(String name, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            log.add(name + " " + i);
            Asyncio.await(Asyncio.sleep(0));
        }
        log.add(name + " done");
        return null;
    }

    /**
     * Many Java Tasks yielding many times: the order is exactly round-robin in creation order, every round (the
     * same program in CPython gives {@code T0 0, T1 0, ..., T15 0, T0 1, ...}).
     */
    @Test
    void manyJavaTasksYieldInExactRoundRobin() {
        int tasks = 16;
        int rounds = 40;
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            List<Future<?>> ts = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                String name = "T" + t;
                ts.add(t % 2 == 0 ? loop.createTask(() -> javaYielder(name, rounds, out))
                        : kotlinYielder(loop, name, rounds, out));
            }
            Asyncio.await(Asyncio.gather(ts));
            return out;
        });
        List<String> expected = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            for (int t = 0; t < tasks; t++) {
                expected.add(r == rounds ? "T" + t + " done" : "T" + t + " " + r);
            }
        }
        assertEquals(expected, log);
    }
    /**
     * Python 3.12's {@code eager_task_factory} under the hand-off: a Java Task's first step runs inside
     * {@code createTask}, whether called from a Java body (a body step inside a body step) or from a plain callback, and
     * so does a Kotlin Task's; the current Task is the eager one during that step and the creator's again after it. The
     * program below needs CPython 3.12+ (only 3.11 is installed here), so its output was derived from 3.12's
     * {@code Task.__eager_start} (swap the current Task, run the first step, swap back; a bare {@code yield} schedules
     * the next step with {@code call_soon}):
     * <pre>
     * async def main():
     *     loop = asyncio.get_running_loop(); loop.set_task_factory(asyncio.eager_task_factory)
     *     log = []; me = asyncio.current_task()
     *     async def e(name):
     *         log.append(f"{name} 1 current={asyncio.current_task().get_name()}")
     *         await asyncio.sleep(0)
     *         log.append(f"{name} 2")
     *         return name
     *     async def quick():
     *         log.append("quick"); return 5
     *     log.append("before")
     *     t = asyncio.create_task(e("E"), name="E")
     *     log.append(f"after E done={t.done()} main current={asyncio.current_task() is me}")
     *     q = asyncio.create_task(quick())
     *     log.append(f"after quick done={q.done()} result={q.result()}")
     *     k = asyncio.create_task(e("K"), name="K")
     *     loop.call_soon(log.append, "cb")
     *     box = []
     *     def from_cb():
     *         log.append("from_cb start")
     *         box.append(loop.create_task(e("F"), name="F"))
     *         log.append(f"from_cb end current={asyncio.current_task()}")
     *     loop.call_soon(from_cb)
     *     await asyncio.sleep(0)
     *     log.append("main 2")
     *     log.append(f"{await t} {await k} {await box[0]}")
     * # ['before', 'E 1 current=E', 'after E done=False main current=True', 'quick',
     * #  'after quick done=True result=5', 'K 1 current=K', 'E 2', 'K 2', 'cb', 'from_cb start', 'F 1 current=F',
     * #  'from_cb end current=None', 'main 2', 'F 2', 'E K F']
     * </pre>
     */
    @Test
    void eagerTasksStartInsideCreateTaskFromABodyAndFromACallback() {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setTaskFactory(Asyncio.eagerTaskFactory());
            List<String> out = new ArrayList<>();
            Task<?> me = Asyncio.currentTask();
            out.add("before");
            Task<String> t = loop.createTask(() -> eagerStep(out, "E"), "E");
            out.add("after E done=" + t.isDone() + " main current=" + (Asyncio.currentTask() == me));
            Task<Integer> q = loop.createTask(() -> {
                out.add("quick");
                return 5;
            });
            out.add("after quick done=" + q.isDone() + " result=" + (q.isDone() ? q.result() : null));
            Task<Integer> k = KotlinStepper.launch(loop, "K", 1, (i, previous) -> {
                out.add(i == 0 ? "K 1 current=" + Asyncio.currentTask().getName() : "K 2");
                return null;
            });
            loop.callSoon(() -> out.add("cb"));
            List<Task<String>> box = new ArrayList<>();
            loop.callSoon(() -> {
                out.add("from_cb start");
                box.add(loop.createTask(() -> eagerStep(out, "F"), "F"));
                out.add("from_cb end current=" + Asyncio.currentTask());
            });
            Asyncio.await(Asyncio.sleep(0));
            out.add("main 2");
            String e = Asyncio.await(t);
            int kSteps = Asyncio.await(k);
            String f = Asyncio.await(box.get(0));
            out.add(e + " " + (kSteps == 1 ? "K" : "K?" + kSteps) + " " + f);
            return out;
        });
        assertEquals(List.of("before", "E 1 current=E", "after E done=false main current=true", "quick",
                "after quick done=true result=5", "K 1 current=K", "E 2", "K 2", "cb", "from_cb start",
                "F 1 current=F", "from_cb end current=null", "main 2", "F 2", "E K F"), log);
    }

    private static String eagerStep(List<String> log, String name) {
        log.add(name + " 1 current=" + Asyncio.currentTask().getName());
        Asyncio.await(Asyncio.sleep(0));
        log.add(name + " 2");
        return name;
    }
    /**
     * {@code callSoonThreadsafe} called on the loop's turn (from a Java body, a callback, a Kotlin step) joins the same
     * FIFO as {@code callSoon}, in call order:
     * <pre>
     * async def main():
     *     loop = asyncio.get_running_loop(); log = []
     *     def cb():
     *         loop.call_soon_threadsafe(log.append, "cb ts1")
     *         loop.call_soon(log.append, "cb soon")
     *         loop.call_soon_threadsafe(log.append, "cb ts2")
     *     async def j(name):
     *         loop.call_soon_threadsafe(log.append, f"{name} ts1")
     *         loop.call_soon(log.append, f"{name} soon")
     *         loop.call_soon_threadsafe(log.append, f"{name} ts2")
     *         await asyncio.sleep(0)
     *         log.append(f"{name} end")
     *     t1 = asyncio.create_task(j("J")); loop.call_soon(cb); t2 = asyncio.create_task(j("K"))
     *     await t1; await t2
     * # ['J ts1', 'J soon', 'J ts2', 'J end', 'cb ts1', 'cb soon', 'cb ts2', 'K ts1', 'K soon', 'K ts2', 'K end']
     * </pre>
     */
    @Test
    void callSoonThreadsafeOnTheTurnKeepsCallOrderWithCallSoon() {
        List<String> log = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            Task<Void> t1 = loop.createTask(() -> {
                threeCalls(loop, "J", out);
                Asyncio.await(Asyncio.sleep(0));
                out.add("J end");
                return null;
            });
            loop.callSoon(() -> threeCalls(loop, "cb", out));
            Task<Integer> t2 = KotlinStepper.launch(loop, "K", 1, (i, previous) -> {
                if (i == 0) {
                    threeCalls(loop, "K", out);
                } else {
                    out.add("K end");
                }
                return null;
            });
            Asyncio.await(t1);
            Asyncio.await(t2);
            return out;
        });
        assertEquals(List.of("J ts1", "J soon", "J ts2", "J end", "cb ts1", "cb soon", "cb ts2", "K ts1", "K soon",
                "K ts2", "K end"), log);
    }

    private static void threeCalls(EventLoop loop, String name, List<String> log) {
        loop.callSoonThreadsafe(() -> log.add(name + " ts1"));
        loop.callSoon(() -> log.add(name + " soon"));
        loop.callSoonThreadsafe(() -> log.add(name + " ts2"));
    }

    /**
     * A burst of {@code callSoonThreadsafe} from one foreign thread runs in the order it was sent, interleaved with
     * Java and Kotlin Tasks yielding all the while, and none is lost.
     */
    @Test
    void aForeignThreadsCallbacksRunInTheirOrderAmongJavaSteps() throws InterruptedException {
        int calls = 2_000;
        List<Integer> seen = new ArrayList<>();
        Thread[] sender = new Thread[1];
        int yields = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> allSeen = loop.createFuture();
            sender[0] = new Thread(() -> {
                for (int i = 0; i < calls; i++) {
                    int n = i;
                    loop.callSoonThreadsafe(() -> {
                        seen.add(n);
                        if (n == calls - 1) {
                            allSeen.setResult(null);
                        }
                    });
                }
            }, "burst-sender");
            int[] steps = {0};
            List<Future<?>> yielders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                yielders.add(loop.createTask(() -> {
                    while (!allSeen.isDone()) {
                        steps[0]++;
                        Asyncio.await(Asyncio.sleep(0));
                    }
                    return null;
                }));
                yielders.add(KotlinStepper.launch(loop, "K" + t, 50, (i, previous) -> null));
            }
            sender[0].start();
            Asyncio.await(allSeen);
            Asyncio.await(Asyncio.gather(yielders));
            return steps[0];
        });
        sender[0].join();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen);
        assertTrue(yields > 0);
    }
}
