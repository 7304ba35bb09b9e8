package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionGroup;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Many Tasks, random completion order and random cancellation, through every combinator at once. */
class CombinatorStressTest {
    private static final int TASKS = 150;

    @Test
    void gatherReturnExceptionsMatchesEveryChildsFate() {
        Random random = new Random(42);
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                int n = i;
                double delay = random.nextInt(20) / 1000.0;
                boolean fail = random.nextInt(10) == 0;
                tasks.add(Asyncio.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(delay));
                    if (fail) {
                        throw new IllegalStateException("planted " + n);
                    }
                    return n;
                }));
                if (random.nextInt(4) == 0) {
                    loop.callLater(random.nextInt(20) / 1000.0, tasks.get(i)::cancel);
                }
            }
            List<Object> results = Asyncio.await(Asyncio.gatherReturnExceptions(tasks));
            assertEquals(TASKS, results.size());
            for (int i = 0; i < TASKS; i++) {
                Task<Integer> t = tasks.get(i);
                Object r = results.get(i);
                assertTrue(t.isDone());
                if (t.isCancelled()) {
                    assertInstanceOf(CancelledError.class, r);
                } else if (t.exception() != null) {
                    assertEquals("planted " + i, ((Throwable) r).getMessage());
                } else {
                    assertEquals(i, r);
                }
            }
            return null;
        });
    }

    @Test
    void waitForWithRandomTimeoutsEitherReturnsOrCancelsTheInner() {
        Random random = new Random(7);
        Asyncio.run(() -> {
            List<Task<Integer>> inners = new ArrayList<>();
            List<Future<Integer>> outers = new ArrayList<>();
            List<Double> timeouts = new ArrayList<>();
            List<Double> delays = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                int n = i;
                double delay = random.nextInt(20) / 1000.0;
                // Generous, tight, or racing the inner sleep.
                double timeout = switch (random.nextInt(3)) {
                    case 0 -> 5.0;
                    case 1 -> 0.001;
                    default -> random.nextInt(20) / 1000.0;
                };
                Task<Integer> inner = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(delay, n)));
                inners.add(inner);
                delays.add(delay);
                timeouts.add(timeout);
                outers.add(Asyncio.waitFor(inner, timeout));
            }
            List<Object> results = Asyncio.await(Asyncio.gatherReturnExceptions(outers));
            for (int i = 0; i < TASKS; i++) {
                Object r = results.get(i);
                if (r instanceof TimeoutError) {
                    assertTrue(inners.get(i).isCancelled(), "a timeout cancels its inner task");
                } else {
                    assertEquals(i, r);
                    assertEquals(i, inners.get(i).result());
                }
                if (timeouts.get(i) == 5.0) {
                    assertEquals(i, r, "a generous timeout never fires");
                } else if (timeouts.get(i) == 0.001 && delays.get(i) >= 0.01) {
                    // The inner sleep starts after the timer and lasts longer: the timer always comes first.
                    assertInstanceOf(TimeoutError.class, r);
                }
            }
            return null;
        });
    }

    @Test
    void taskGroupsWithRandomFailuresAndCancellations() {
        Random random = new Random(3);
        Asyncio.run(() -> {
            for (int round = 0; round < 10; round++) {
                List<Task<Integer>> children = new ArrayList<>();
                boolean anyFailure = false;
                try {
                    Asyncio.taskGroup(g -> {
                        for (int i = 0; i < TASKS / 10; i++) {
                            int n = i;
                            double delay = random.nextInt(20) / 1000.0;
                            boolean fail = random.nextInt(8) == 0;
                            Task<Integer> t = g.createTask(() -> {
                                Asyncio.await(Asyncio.sleep(delay));
                                if (fail) {
                                    throw new IllegalStateException("planted");
                                }
                                return n;
                            });
                            children.add(t);
                            if (random.nextInt(5) == 0) {
                                Asyncio.getRunningLoop().callLater(random.nextInt(20) / 1000.0, t::cancel);
                            }
                        }
                        return null;
                    });
                } catch (ExceptionGroup eg) {
                    anyFailure = true;
                    for (Throwable t : eg.exceptions()) {
                        assertEquals("planted", t.getMessage());
                    }
                }
                boolean failedChild = false;
                for (Task<Integer> t : children) {
                    assertTrue(t.isDone(), "the group returns only after every child finished");
                    if (!t.isCancelled() && t.exception() != null) {
                        failedChild = true;
                    }
                }
                assertEquals(failedChild, anyFailure);
                assertEquals(0, Asyncio.currentTask().cancelling());
            }
            return null;
        });
    }

    @Test
    void asCompletedDeliversEveryResultOnceInDeadlineOrder() {
        Random random = new Random(11);
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            List<Future<Double>> fs = new ArrayList<>();
            List<Double> deadlines = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                double deadline = start + random.nextInt(30) / 1000.0;
                Future<Double> f = loop.createFuture();
                loop.callAt(deadline, () -> f.setResult(deadline));
                fs.add(f);
                deadlines.add(deadline);
            }
            List<Double> seen = new ArrayList<>();
            for (Future<Double> f : Asyncio.asCompleted(fs)) {
                seen.add(Asyncio.await(f));
            }
            deadlines.sort(null);
            assertEquals(deadlines, seen, "every result once, in completion (deadline) order");
            return null;
        });
    }
}
