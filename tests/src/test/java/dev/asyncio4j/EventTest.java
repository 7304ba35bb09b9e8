package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Event;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython's test_locks.EventTests, ported. */
class EventTest {
    @Test
    void repr() {
        Asyncio.run(() -> {
            Event ev = new Event();
            assertTrue(ev.toString().endsWith("[unset]>"));
            Future<Boolean> w = ev.waitAsync();
            assertTrue(ev.toString().endsWith("[unset, waiters:1]>"), ev.toString());
            ev.set();
            assertTrue(ev.toString().contains("[set"));
            Asyncio.await(w);
            assertTrue(ev.toString().endsWith("[set]>"));
            return null;
        });
    }

    private static Void waitAndLog(Event ev, List<Integer> result, int n) {
        if (Asyncio.await(ev.waitAsync())) {
            result.add(n);
        }
        return null;
    }

    @Test
    void waitWakesEveryWaiter() {
        Asyncio.run(() -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            List<Integer> result = new ArrayList<>();
            Task<Void> t1 = Asyncio.createTask(() -> waitAndLog(ev, result, 1));
            Task<Void> t2 = Asyncio.createTask(() -> waitAndLog(ev, result, 2));
            sleep0();
            assertEquals(List.of(), result);
            Task<Void> t3 = Asyncio.createTask(() -> waitAndLog(ev, result, 3));
            ev.set();
            sleep0();
            assertEquals(List.of(3, 1, 2), result);
            for (Task<Void> t : List.of(t1, t2, t3)) {
                assertTrue(t.isDone());
                assertEquals(null, t.result());
            }
            return null;
        });
    }

    @Test
    void waitOnSet() {
        Asyncio.run(() -> {
            Event ev = new Event();
            ev.set();
            assertTrue(Asyncio.await(ev.waitAsync()));
            return null;
        });
    }

    @Test
    void waitCancel() {
        Asyncio.run(() -> {
            Event ev = new Event();
            Task<Boolean> wait = Asyncio.createTask(() -> Asyncio.await(ev.waitAsync()));
            Asyncio.getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(wait));
            assertEquals(0, ev.waiterCount());
            return null;
        });
    }

    @Test
    void clear() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    @Test
    void clearWithWaiters() {
        Asyncio.run(() -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = Asyncio.createTask(() -> {
                waitAndLog(ev, result, 1);
                return true;
            });
            sleep0();
            assertEquals(List.of(), result);
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(1, ev.waiterCount());
            sleep0();
            assertEquals(List.of(1), result);
            assertEquals(0, ev.waiterCount());
            assertTrue(t.isDone());
            assertTrue(t.result());
            return null;
        });
    }
}
