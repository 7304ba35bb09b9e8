package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.LifoQueue;
import dev.asyncio4j.PriorityQueue;
import dev.asyncio4j.Queue;
import dev.asyncio4j.QueueEmpty;
import dev.asyncio4j.QueueFull;
import dev.asyncio4j.QueueShutDown;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** CPython 3.13's test_queues, ported. */
class QueueTest {
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("Queue", (IntFunction<Queue<Object>>) Queue::new),
                Arguments.of("LifoQueue", (IntFunction<Queue<Object>>) LifoQueue::new),
                Arguments.of("PriorityQueue", (IntFunction<Queue<Object>>) PriorityQueue::new));
    }

    @Test
    void repr() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.toString().startsWith("<Queue"));
            Task<Integer> getter = Asyncio.createTask(() -> Asyncio.await(q.get()));
            sleep0();
            assertTrue(q.toString().contains("_getters[1]"), q.toString());
            q.putNowait(0);
            assertEquals(0, Asyncio.await(getter));

            Queue<Integer> q2 = new Queue<>(1);
            q2.putNowait(1);
            Task<Void> putter = Asyncio.createTask(() -> Asyncio.await(q2.put(2)));
            sleep0();
            assertTrue(q2.toString().contains("_putters[1]"), q2.toString());
            q2.getNowait();
            Asyncio.await(putter);
            assertTrue(putter.isDone());

            Queue<Integer> q3 = new Queue<>();
            q3.putNowait(1);
            assertTrue(q3.toString().contains("_queue=[1]"));
            return null;
        });
        LifoQueue<Integer> lifo = new LifoQueue<>();
        lifo.putNowait(1);
        lifo.putNowait(2);
        assertEquals("<LifoQueue maxsize=0 _queue=[1, 2] tasks=2>", lifo.toString());
    }

    @Test
    void emptyAndFull() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.isEmpty());
            Asyncio.await(q.put(1));
            assertFalse(q.isEmpty());
            assertEquals(1, Asyncio.await(q.get()));
            assertTrue(q.isEmpty());
            assertFalse(q.isFull());
            Queue<Integer> bounded = new Queue<>(1);
            Asyncio.await(bounded.put(1));
            assertTrue(bounded.isFull());
            return null;
        });
    }

    @Test
    void order() {
        assertEquals(List.of(1, 3, 2), drain(new Queue<>()));
        assertEquals(List.of(2, 3, 1), drain(new LifoQueue<>()));
        assertEquals(List.of(1, 2, 3), drain(new PriorityQueue<>()));
        assertEquals(List.of(3, 2, 1), drain(new PriorityQueue<>(Comparator.reverseOrder())));
    }

    private static List<Integer> drain(Queue<Integer> q) {
        return Asyncio.run(() -> {
            for (int i : new int[] {1, 3, 2}) {
                Asyncio.await(q.put(i));
            }
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                items.add(Asyncio.await(q.get()));
            }
            return items;
        });
    }

    @Test
    void maxsize() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            List<Integer> haveBeenPut = new ArrayList<>();
            Task<Boolean> t = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    Asyncio.await(q.put(i));
                    haveBeenPut.add(i);
                }
                return true;
            });
            sleep0();
            sleep0();
            assertEquals(List.of(0, 1), haveBeenPut);
            assertEquals(0, Asyncio.await(q.get()));
            sleep0();
            assertEquals(List.of(0, 1, 2), haveBeenPut);
            assertEquals(1, Asyncio.await(q.get()));
            assertEquals(2, Asyncio.await(q.get()));
            assertTrue(t.isDone() && t.result());
            return null;
        });
    }

    // ------------------------------------------------------------------ get

    @Test
    void blockingGetWait() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Queue<Integer> q = new Queue<>();
            dev.asyncio4j.Event started = new dev.asyncio4j.Event();
            boolean[] finished = {false};
            Task<Integer> t = Asyncio.createTask(() -> {
                started.set();
                int res = Asyncio.await(q.get());
                finished[0] = true;
                return res;
            });
            Asyncio.await(started.waitAsync());
            assertFalse(finished[0]);
            loop.callLater(0.01, () -> q.putNowait(1));
            assertEquals(1, Asyncio.await(t));
            assertTrue(finished[0]);
            return null;
        });
    }

    @Test
    void nonblockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
        assertThrows(QueueEmpty.class, q::getNowait);
    }

    @Test
    void getCancelledRace() {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t1 = Asyncio.createTask(() -> Asyncio.await(q.get()));
            Task<String> t2 = Asyncio.createTask(() -> Asyncio.await(q.get()));
            sleep0();
            t1.cancel();
            sleep0();
            assertTrue(t1.isDone());
            Asyncio.await(q.put("a"));
            sleep0();
            assertEquals("a", Asyncio.await(t2));
            return null;
        });
    }

    @Test
    void getWithWaitingPutters() {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>(1);
            Asyncio.createTask(() -> Asyncio.await(q.put("a")));
            Asyncio.createTask(() -> Asyncio.await(q.put("b")));
            assertEquals("a", Asyncio.await(q.get()));
            assertEquals("b", Asyncio.await(q.get()));
            return null;
        });
    }

    @Test
    void whyAreGettersWaiting() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            Task<Void> producer = Asyncio.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    Asyncio.await(q.put(i));
                }
                return null;
            });
            Task<Void> consumer = Asyncio.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    Asyncio.await(q.get());
                }
                return null;
            });
            Aio.gather(producer, consumer);
            return null;
        });
    }

    @Test
    void cancelledGettersNotBeingHeldInSelfGetters() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(5);
            assertThrows(TimeoutError.class, () -> Aio.waitFor(q.get(), 0.05));
            assertFalse(q.toString().contains("_getters"));
            return null;
        });
    }

    // ------------------------------------------------------------------ put

    @Test
    void blockingPutWait() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            dev.asyncio4j.Event started = new dev.asyncio4j.Event();
            boolean[] finished = {false};
            Asyncio.getRunningLoop().callLater(0.01, q::getNowait);
            Task<Void> t = Asyncio.createTask(() -> {
                started.set();
                Asyncio.await(q.put(1));
                Asyncio.await(q.put(2));
                finished[0] = true;
                return null;
            });
            Asyncio.await(started.waitAsync());
            assertFalse(finished[0]);
            Asyncio.await(t);
            assertTrue(finished[0]);
            return null;
        });
    }

    @Test
    void getCancelDropOnePendingReader() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = Asyncio.createTask(() -> Asyncio.await(q.get()));
            sleep0();
            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();
            try {
                Asyncio.await(reader);
            } catch (CancelledError e) {
                reader = Asyncio.createTask(() -> Asyncio.await(q.get()));
                Asyncio.await(reader);
            }
            assertEquals(1, reader.result());
            return null;
        });
    }

    @Test
    void getCancelDropManyPendingReaders() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader1 = Asyncio.createTask(() -> Asyncio.await(q.get()));
            Task<Integer> reader2 = Asyncio.createTask(() -> Asyncio.await(q.get()));
            Task<Integer> reader3 = Asyncio.createTask(() -> Asyncio.await(q.get()));
            sleep0();
            q.putNowait(1);
            q.putNowait(2);
            reader1.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(reader1));
            Asyncio.await(reader3);
            Asyncio.await(reader2);
            assertEquals(Set.of(1, 2), Set.of(reader2.result(), reader3.result()));
            return null;
        });
    }

    @Test
    void putCancelDrop() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> writer = Asyncio.createTask(() -> Asyncio.await(q.put(2)));
            sleep0();
            assertEquals(1, q.getNowait());
            writer.cancel();
            try {
                Asyncio.await(writer);
            } catch (CancelledError e) {
                writer = Asyncio.createTask(() -> Asyncio.await(q.put(2)));
                Asyncio.await(writer);
            }
            assertEquals(2, q.getNowait());
            assertEquals(0, q.qsize());
            return null;
        });
    }

    @Test
    void nonblockingPutException() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertThrows(QueueFull.class, () -> q.putNowait(2));
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
    }

    @Test
    void putCancelled() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Boolean> t = Asyncio.createTask(() -> {
                Asyncio.await(q.put(1));
                return true;
            });
            assertEquals(1, Asyncio.await(q.get()));
            assertTrue(t.isDone() && t.result());
            return null;
        });
    }

    @Test
    void putCancelledRace() {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> putA = Asyncio.createTask(() -> Asyncio.await(q.put("a")));
            Task<Void> putB = Asyncio.createTask(() -> Asyncio.await(q.put("b")));
            Task<Void> putC = Asyncio.createTask(() -> Asyncio.await(q.put("X")));
            sleep0();
            assertTrue(putA.isDone());
            assertFalse(putB.isDone());
            putC.cancel();
            sleep0();
            assertTrue(putC.isDone());
            assertEquals("a", q.getNowait());
            sleep0();
            assertEquals("b", q.getNowait());
            Asyncio.await(putB);
            return null;
        });
    }

    @Test
    void putWithWaitingGetters() {
        Asyncio.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t = Asyncio.createTask(() -> Asyncio.await(q.get()));
            sleep0();
            Asyncio.await(q.put("a"));
            assertEquals("a", Asyncio.await(t));
            return null;
        });
    }

    @Test
    void whyArePuttersWaiting() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<Future<?>> ts = new ArrayList<>();
            ts.add(Asyncio.createTask(() -> {
                sleep0();
                int num = q.qsize();
                for (int i = 0; i < num; i++) {
                    q.getNowait();
                }
                return null;
            }));
            for (int i = 0; i < 4; i++) {
                int item = i;
                ts.add(Asyncio.createTask(() -> Asyncio.await(q.put(item))));
            }
            Aio.gather(ts.toArray(new Future<?>[0]));
            return null;
        });
    }

    @Test
    void cancelledPutsNotBeingHeldInSelfPutters() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> putTask = Asyncio.createTask(() -> Asyncio.await(q.put(1)));
            sleep0();
            assertTrue(q.toString().contains("_putters[1]"));
            putTask.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(putTask));
            assertFalse(q.toString().contains("_putters"));
            return null;
        });
    }

    @Test
    void cancelledPutSilenceValueErrorException() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> putTask = Asyncio.createTask(() -> Asyncio.await(q.put(1)));
            sleep0();
            q.getNowait();
            putTask.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(putTask));
            return null;
        });
    }

    @Test
    void cancelledGetterAfterItemAnnouncedPassesItOn() {
        Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>();
            Future<Integer> a = q.get();
            Future<Integer> b = q.get();
            q.putNowait(7);           // announced to a ...
            assertTrue(a.cancel());   // ... which is cancelled before taking it
            sleep0();
            assertTrue(a.isCancelled());
            assertEquals(1, q.qsize());
            sleep0();
            assertEquals(7, b.result());
            assertTrue(q.isEmpty());
            return null;
        });
    }

    @Test
    void priorityQueueRefusesIncomparableItems() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        assertThrows(IllegalArgumentException.class, () -> q.putNowait(new Object() { }));
        assertEquals("<PriorityQueue maxsize=0>", q.toString());
    }

    // ------------------------------------------------------------------ join

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void taskDoneUnderflow(String name, IntFunction<Queue<Object>> kind) {
        assertThrows(IllegalArgumentException.class, kind.apply(0)::taskDone);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void taskDone(String name, IntFunction<Queue<Object>> kind) {
        Asyncio.run(() -> {
            Queue<Object> q = kind.apply(0);
            for (int i = 0; i < 100; i++) {
                q.putNowait(i);
            }
            int[] accumulator = {0};
            boolean[] running = {true};
            List<Task<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(Asyncio.createTask(() -> {
                    while (running[0]) {
                        int item = (Integer) Asyncio.await(q.get());
                        accumulator[0] += item;
                        q.taskDone();
                    }
                    return null;
                }));
            }
            Asyncio.await(q.join());
            assertEquals(4950, accumulator[0]);
            running[0] = false;
            for (int i = 0; i < workers.size(); i++) {
                q.putNowait(0);
            }
            Aio.gather(workers.toArray(new Future<?>[0]));
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void joinEmptyQueue(String name, IntFunction<Queue<Object>> kind) {
        Asyncio.run(() -> {
            Queue<Object> q = kind.apply(0);
            assertTrue(q.join().isDone());
            Asyncio.await(q.join());
            Asyncio.await(q.join());
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void format(String name, IntFunction<Queue<Object>> kind) {
        Queue<Object> q = kind.apply(0);
        assertEquals("<" + name + " maxsize=0>", q.toString());
        q.putNowait(1);
        q.getNowait();
        q.putNowait(1);
        q.getNowait();
        assertEquals("<" + name + " maxsize=0 tasks=2>", q.toString());
        q.shutdown();
        assertEquals("<" + name + " maxsize=0 tasks=2 shutdown>", q.toString());
    }

    // ------------------------------------------------------------------ shutdown

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownEmpty(String name, IntFunction<Queue<Object>> kind) {
        Asyncio.run(() -> {
            Queue<Object> q = kind.apply(0);
            Task<Object> getTask = Asyncio.createTask(() -> Asyncio.await(q.get()));
            sleep0();
            q.shutdown(false);
            assertEquals(0, q.qsize());
            Asyncio.await(q.join());
            sleep0();
            assertTrue(getTask.isDone());
            assertThrows(QueueShutDown.class, () -> Asyncio.await(getTask));
            assertRaisesShutdown(q);
            return null;
        });
    }

    private static void assertRaisesShutdown(Queue<Object> q) {
        assertThrows(QueueShutDown.class, () -> Asyncio.await(q.put("data")));
        assertThrows(QueueShutDown.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDown.class, () -> Asyncio.await(q.get()));
        assertThrows(QueueShutDown.class, q::getNowait);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownNonempty(String name, IntFunction<Queue<Object>> kind) {
        Asyncio.run(() -> {
            Queue<Object> q = kind.apply(1);
            q.putNowait("data");
            Task<Void> joinTask = Asyncio.createTask(() -> Asyncio.await(q.join()));
            Task<Void> putTask = Asyncio.createTask(() -> Asyncio.await(q.put("data2")));
            sleep0();
            assertFalse(putTask.isDone());
            q.shutdown(false);
            assertEquals(1, q.qsize());
            sleep0();
            assertTrue(putTask.isDone());
            assertThrows(QueueShutDown.class, () -> Asyncio.await(putTask));
            assertEquals("data", Asyncio.await(q.get()));
            sleep0();
            assertFalse(joinTask.isDone());
            assertRaisesShutdown(q);
            q.taskDone();
            sleep0();
            assertTrue(joinTask.isDone());
            Asyncio.await(joinTask);
            assertThrows(IllegalArgumentException.class, q::taskDone);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownImmediate(String name, IntFunction<Queue<Object>> kind) {
        Asyncio.run(() -> {
            Queue<Object> q = kind.apply(0);
            q.putNowait("data");
            Task<Void> joinTask = Asyncio.createTask(() -> Asyncio.await(q.join()));
            q.shutdown(true);
            assertEquals(0, q.qsize());
            sleep0();
            assertTrue(joinTask.isDone());
            Asyncio.await(joinTask);
            assertRaisesShutdown(q);
            assertThrows(IllegalArgumentException.class, q::taskDone);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shutdownImmediateWithUnfinished(String name, IntFunction<Queue<Object>> kind) {
        Asyncio.run(() -> {
            Queue<Object> q = kind.apply(0);
            q.putNowait("data");
            q.putNowait("data");
            Task<Void> joinTask = Asyncio.createTask(() -> Asyncio.await(q.join()));
            assertEquals("data", Asyncio.await(q.get()));
            q.shutdown(true);
            assertEquals(0, q.qsize());
            sleep0();
            assertFalse(joinTask.isDone());
            assertRaisesShutdown(q);
            q.taskDone();
            assertThrows(IllegalArgumentException.class, q::taskDone);
            sleep0();
            assertTrue(joinTask.isDone());
            Asyncio.await(joinTask);
            return null;
        });
    }

    @Test
    void shutdownWakesBlockedGettersAndPuttersWithQueueShutDown() {
        Asyncio.run(() -> {
            Queue<Object> empty = new Queue<>();
            Future<Object> g1 = empty.get();
            Future<Object> g2 = empty.get();
            Queue<Object> full = new Queue<>(1);
            full.putNowait("x");
            Future<Void> p1 = full.put("y");
            empty.shutdown();
            full.shutdown();
            assertThrows(QueueShutDown.class, () -> Asyncio.await(g1));
            assertThrows(QueueShutDown.class, () -> Asyncio.await(g2));
            assertThrows(QueueShutDown.class, () -> Asyncio.await(p1));
            assertEquals("x", full.getNowait());
            assertFalse(full.join().isDone());
            full.taskDone();
            assertTrue(full.join().isDone());
            return null;
        });
    }
}
