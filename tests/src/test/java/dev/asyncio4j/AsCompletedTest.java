package dev.asyncio4j;

import dev.asyncio4j.test.TestLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import dev.asyncio4j.WaitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Ported from CPython 3.12's test_tasks {@code test_as_completed*}. */
class AsCompletedTest {
    @Test
    void yieldsResultsInCompletionOrder() {
        List<String> res = Asyncio.run(() -> {
            Future<String> b = Asyncio.sleep(0.02, "b");
            Future<String> c = Asyncio.sleep(0.1, "c");
            Future<String> a = Asyncio.sleep(0.01, "a");
            List<String> values = new ArrayList<>();
            for (Future<String> f : Asyncio.asCompleted(List.of(b, c, a))) {
                values.add(Asyncio.await(f));
            }
            return values;
        }, TestLoop::create);
        assertEquals(List.of("a", "b", "c"), res);
    }

    @Test
    void failuresArriveInTheirTurn() {
        Asyncio.run(() -> {
            Task<String> bad = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                throw new IllegalStateException("boom");
            });
            Future<String> ok = Asyncio.sleep(0.05, "ok");
            List<Future<String>> order = new ArrayList<>();
            Asyncio.asCompleted(List.of(ok, bad)).forEach(order::add);
            assertEquals("boom", assertThrows(IllegalStateException.class, () -> Asyncio.await(order.get(0))).getMessage());
            assertEquals("ok", Asyncio.await(order.get(1)));
            return null;
        }, TestLoop::create);
    }

    @Test
    void withTimeoutTheRestFailWithTimeoutError() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            // a finishes on the loop's next turn, which the loop runs before any timer it finds due then: so the
            // order holds even when a loaded machine makes the loop late (a 10 ms sleep and the 0.12 s timeout
            // could both fall due in one iteration, timeout first).
            Future<String> a = Asyncio.sleep(0, "a");
            Future<String> b = Asyncio.sleep(10, "b");
            List<Object> values = new ArrayList<>();
            for (Future<String> f : Asyncio.asCompleted(List.of(a, b), 0.12)) {
                try {
                    values.add(Asyncio.await(f));
                } catch (TimeoutError e) {
                    values.add(e);
                }
            }
            assertEquals(2, values.size());
            assertEquals("a", values.get(0));
            assertInstanceOf(TimeoutError.class, values.get(1));
            assertTrue(loop.time() - t0 >= 0.12);
            assertFalse(b.isDone(), "the inputs are never cancelled");
            b.cancel();
            return null;
        }, TestLoop::create);
    }

    @Test
    void unusedTimeout() {
        Asyncio.run(() -> {
            Future<String> a = Asyncio.sleep(0.01, "a");
            for (Future<String> f : Asyncio.asCompleted(List.of(a), 1.0)) {
                assertEquals("a", Asyncio.await(f));
            }
            return null;
        });
    }

    @Test
    void reverseWaitTheFirstAwaitedGetsTheFirstResult() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            Future<String> a = Asyncio.sleep(0.05, "a");
            Future<String> b = Asyncio.sleep(0.10, "b");
            List<Future<String>> futs = new ArrayList<>();
            Asyncio.asCompleted(List.of(a, b)).forEach(futs::add);
            assertEquals(2, futs.size());
            assertEquals("a", Asyncio.await(futs.get(1)));
            assertTrue(loop.time() - t0 >= 0.05);
            assertEquals("b", Asyncio.await(futs.get(0)));
            assertTrue(loop.time() - t0 >= 0.10);
            return null;
        }, TestLoop::create);
    }

    @Test
    void concurrentWaitOnTheReturnedFutures() {
        Asyncio.run(() -> {
            Future<String> a = Asyncio.sleep(0.05, "a");
            Future<String> b = Asyncio.sleep(0.05, "b");
            List<Future<String>> futs = new ArrayList<>();
            Asyncio.asCompleted(List.of(a, b)).forEach(futs::add);
            WaitResult<String> r = Asyncio.await(Asyncio.wait(futs));
            assertEquals(Set.of("a", "b"), r.done().stream().map(Future::result).collect(Collectors.toSet()));
            return null;
        });
    }

    @Test
    void duplicateFuturesCountOnce() {
        List<String> result = Asyncio.run(() -> {
            Task<String> c = Asyncio.createTask(() -> "ham");
            Task<String> spam = Asyncio.createTask(() -> "spam");
            List<String> out = new ArrayList<>();
            for (Future<String> f : Asyncio.asCompleted(List.of(c, c, spam))) {
                out.add(Asyncio.await(f));
            }
            return out;
        });
        assertEquals(Set.of("ham", "spam"), Set.copyOf(result));
        assertEquals(2, result.size());
    }

    @Test
    void emptyAndInvalidArguments() {
        assertFalse(Asyncio.asCompleted(List.<Future<Integer>>of()).iterator().hasNext());
        assertThrows(NullPointerException.class, () -> Asyncio.asCompleted(null));
    }

    @Test
    void cancellingATurnLosesNoResult() {
        Asyncio.run(() -> {
            Future<String> a = Asyncio.sleep(0.02, "a");
            Future<String> b = Asyncio.sleep(0.04, "b");
            List<Future<String>> futs = new ArrayList<>();
            Asyncio.asCompleted(List.of(a, b)).forEach(futs::add);
            Task<String> impatient = Asyncio.createTask(() -> Asyncio.await(futs.get(0)));
            Asyncio.await(Asyncio.sleep(0));
            impatient.cancel();
            assertThrows(dev.asyncio4j.CancelledError.class, () -> Asyncio.await(impatient));
            assertEquals("a", Asyncio.await(futs.get(1)));
            return null;
        });
    }
}
