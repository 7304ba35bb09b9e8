package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Barrier;
import dev.asyncio4j.BrokenBarrierError;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CPython 3.13's test_locks.BarrierTests, ported. */
class BarrierTest {
    private static final int N = 5;

    private static <T> List<Task<T>> makeTasks(int n, Coroutine<T> coro) {
        List<Task<T>> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(Asyncio.createTask(coro));
        }
        return ts;
    }

    private static <T> List<Object> gatherTasks(int n, Coroutine<T> coro) {
        return Aio.gather(makeTasks(n, coro).toArray(new Future<?>[0]));
    }

    @Test
    void repr() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            assertTrue(barrier.toString().contains("filling"));
            List<Task<Integer>> waiters = new ArrayList<>(makeTasks(2, () -> Asyncio.await(barrier.waitAsync())));
            sleep0();
            assertTrue(barrier.toString().contains("waiters:2/" + N), barrier.toString());
            assertTrue(barrier.toString().contains("filling"));
            waiters.addAll(makeTasks(barrier.parties() - barrier.nWaiting(), () -> Asyncio.await(barrier.waitAsync())));
            sleep0();
            assertTrue(barrier.toString().contains("draining"), barrier.toString());
            waiters.addAll(makeTasks(2, () -> Asyncio.await(barrier.waitAsync())));
            sleep0();
            Asyncio.await(barrier.reset());
            assertTrue(barrier.toString().contains("resetting"), barrier.toString());
            waiters.addAll(makeTasks(2, () -> Asyncio.await(barrier.waitAsync())));
            sleep0();
            Asyncio.await(barrier.abort());
            assertTrue(barrier.toString().contains("broken"));
            assertTrue(barrier.isBroken());
            Aio.gatherReturnExceptions(waiters.toArray(new Future<?>[0]));
            return null;
        });
    }

    @Test
    void barrierParties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(N, new Barrier(N).parties());
    }

    @Test
    void contextManager() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Integer> results = new ArrayList<>();
            gatherTasks(3, () -> results.add(Asyncio.await(barrier.waitAsync())));
            Collections.sort(results);
            assertEquals(List.of(0, 1, 2), results);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void fillingOneTask() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(1);
            assertEquals(0, Asyncio.await(barrier.waitAsync()));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void fillingOneTaskTwice() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(1);
            Future<Integer> t1 = barrier.waitAsync();
            sleep0();
            assertEquals(0, barrier.nWaiting());
            Future<Integer> t2 = barrier.waitAsync();
            sleep0();
            assertEquals(t1.result(), t2.result());
            assertEquals(t1.isDone(), t2.isDone());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void fillingTaskByTask() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(3);
            Future<Integer> t1 = barrier.waitAsync();
            sleep0();
            assertEquals(1, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));
            Future<Integer> t2 = barrier.waitAsync();
            sleep0();
            assertEquals(2, barrier.nWaiting());
            Future<Integer> t3 = barrier.waitAsync();
            sleep0();
            Aio.gather(t1, t2, t3);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void fillingTasksWaitTwiceCheckReturnValue() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Object> res = gatherTasks(N, () -> {
                Asyncio.await(barrier.waitAsync());
                results.add(true);
                int i = Asyncio.await(barrier.waitAsync());
                results.add(false);
                return i;
            });
            assertEquals(2 * N, results.size());
            assertEquals(N, Collections.frequency(results, true));
            assertEquals(List.of(true, true, true, true, true), results.subList(0, N));
            List<Integer> sorted = res.stream().map(o -> (Integer) o).sorted().collect(Collectors.toList());
            assertEquals(IntStream.range(0, N).boxed().collect(Collectors.toList()), sorted);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void drainingState() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            gatherTasks(N, () -> {
                Asyncio.await(barrier.waitAsync());
                return results.add(barrier.toString().contains("draining"));
            });
            assertEquals(N, results.size());
            assertFalse(results.get(N - 1));
            assertTrue(results.subList(0, N - 1).stream().allMatch(b -> b));
            return null;
        });
    }

    @Test
    void blockingTasksWhileDraining() {
        Asyncio.run(() -> {
            int rewait = 2;
            Barrier barrier = new Barrier(N);
            Barrier barrierNoWaiting = new Barrier(N - rewait);
            int[] rewaitN = {rewait};
            gatherTasks(N, () -> {
                Asyncio.await(barrier.waitAsync());
                if (rewaitN[0] > 0) {
                    rewaitN[0]--;
                    Asyncio.await(barrier.waitAsync());
                } else {
                    Asyncio.await(barrierNoWaiting.waitAsync());
                    Asyncio.await(barrier.waitAsync());
                }
                return null;
            });
            return null;
        });
    }

    @Test
    void fillingTasksCancelOne() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(3);
            List<Boolean> results = new ArrayList<>();
            Coroutine<Void> coro = () -> {
                Asyncio.await(barrier.waitAsync());
                results.add(true);
                return null;
            };
            Task<Void> t1 = Asyncio.createTask(coro);
            sleep0();
            assertEquals(1, barrier.nWaiting());
            Task<Void> t2 = Asyncio.createTask(coro);
            sleep0();
            assertEquals(2, barrier.nWaiting());
            t1.cancel();
            sleep0();
            assertEquals(1, barrier.nWaiting());
            assertThrows(CancelledError.class, () -> Asyncio.await(t1));
            assertTrue(t1.isCancelled());
            Task<Void> t3 = Asyncio.createTask(coro);
            sleep0();
            assertEquals(2, barrier.nWaiting());
            Task<Void> t4 = Asyncio.createTask(coro);
            Aio.gather(t2, t3, t4);
            assertEquals(3, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void resetBarrier() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(1);
            barrier.reset();
            sleep0();
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void resetBarrierWhileTasksWaiting() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    Asyncio.await(barrier.waitAsync());
                } catch (BrokenBarrierError e) {
                    results.add(true);
                }
                return null;
            });
            sleep0();
            Asyncio.createTask(() -> Asyncio.await(barrier.reset()));
            Aio.gather(tasks.toArray(new Future<?>[0]));
            assertEquals(N - 1, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void resetBarrierWhenTasksHalfDrainingHalfBlocking() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gatherTasks(N, () -> {
                try {
                    Asyncio.await(barrier.waitAsync());
                } catch (BrokenBarrierError e) {
                    results1.add(true);
                    Asyncio.await(barrier.waitAsync());
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    Asyncio.await(barrier.reset());
                    Asyncio.await(barrier.waitAsync());
                } else {
                    try {
                        Asyncio.await(barrier.waitAsync());
                    } catch (BrokenBarrierError e) {
                        results2.add(true);
                    }
                }
                return null;
            });
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(List.of(), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    @Test
    void resetBarrierWhileTasksWaitingAndWaitingAgain() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    Asyncio.await(barrier.waitAsync());
                } catch (BrokenBarrierError e) {
                    results1.add(true);
                } finally {
                    Asyncio.await(barrier.waitAsync());
                    results2.add(true);
                }
                return null;
            });
            // CPython's create_task(barrier.reset()): the reset runs after the waiters entered
            Asyncio.createTask(() -> Asyncio.await(barrier.reset()));
            sleep0();
            Asyncio.createTask(() -> {
                Asyncio.await(barrier.waitAsync());
                return results2.add(true);
            });
            Aio.gather(tasks.toArray(new Future<?>[0]));
            assertFalse(barrier.isBroken());
            assertEquals(N - 1, results1.size());
            sleep0();
            assertEquals(N, results2.size());
            assertEquals(0, barrier.nWaiting());
            return null;
        });
    }

    @Test
    void resetBarrierWhileTasksDraining() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            int[] count = {0};
            gatherTasks(N, () -> {
                Asyncio.await(barrier.waitAsync());
                count[0]++;
                if (count[0] == N) {
                    Asyncio.await(barrier.reset());
                    Asyncio.await(barrier.waitAsync());
                } else {
                    try {
                        Asyncio.await(barrier.waitAsync());
                        results1.add(true);
                    } catch (RuntimeException e) {
                        results2.add(true);
                    }
                }
                Asyncio.await(barrier.waitAsync());
                return results3.add(true);
            });
            assertFalse(barrier.isBroken());
            assertEquals(N - 1, results1.size());
            assertEquals(0, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier.nWaiting());
            return null;
        });
    }

    @Test
    void abortBarrier() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(1);
            barrier.abort();
            sleep0();
            assertEquals(0, barrier.nWaiting());
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierError.class, () -> Asyncio.await(barrier.waitAsync()));
            return null;
        });
    }

    @Test
    void abortBarrierWhenTasksHalfDrainingHalfBlocking() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};
            gatherTasks(N, () -> {
                try {
                    Asyncio.await(barrier.waitAsync());
                } catch (BrokenBarrierError e) {
                    results1.add(true);
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    Asyncio.await(barrier.abort());
                } else {
                    try {
                        Asyncio.await(barrier.waitAsync());
                    } catch (BrokenBarrierError e) {
                        results2.add(true);
                    }
                }
                return null;
            });
            assertTrue(barrier.isBroken());
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(Collections.nCopies(N - blockingTasks - 1, true), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            return null;
        });
    }

    @Test
    void abortBarrierWhenException() {
        Asyncio.run(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            gatherTasks(N, () -> {
                try {
                    int i = Asyncio.await(barrier.waitAsync());
                    if (i == N / 2) {
                        throw new IllegalStateException("boom");
                    }
                    Asyncio.await(barrier.waitAsync());
                    results1.add(true);
                } catch (BrokenBarrierError e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    Asyncio.await(barrier.abort());
                }
                return null;
            });
            assertTrue(barrier.isBroken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(0, barrier.nWaiting());
            return null;
        });
    }

    @Test
    void abortBarrierWhenExceptionThenResetting() {
        Asyncio.run(() -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            gatherTasks(N, () -> {
                try {
                    int i = Asyncio.await(barrier1.waitAsync());
                    if (i == N / 2) {
                        throw new IllegalStateException("boom");
                    }
                    Asyncio.await(barrier1.waitAsync());
                    results1.add(true);
                } catch (BrokenBarrierError e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    Asyncio.await(barrier1.abort());
                }
                int i = Asyncio.await(barrier2.waitAsync());
                if (i == N / 2) {
                    Asyncio.await(barrier1.reset());
                }
                Asyncio.await(barrier2.waitAsync());
                Asyncio.await(barrier1.waitAsync());
                return results3.add(true);
            });
            assertFalse(barrier1.isBroken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier1.nWaiting());
            return null;
        });
    }
}
