package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every timeout of the Java API is easy to write: an {@code int} or {@code double} literal compiles
 * ({@code waitFor(f, 1)}), {@code null} still means "none" where the parameter is nullable, and {@code withTimeout}
 * takes a {@link Duration} too. Behaviour is that of the nullable form.
 */
class TimeoutArgumentsTest {
    @Test
    void waitForTakesAnIntADoubleOrNull() {
        Asyncio.run(() -> {
            assertEquals("a", Asyncio.await(Asyncio.waitFor(Asyncio.sleep(0, "a"), 1)));
            assertEquals("b", Asyncio.await(Asyncio.waitFor(Asyncio.sleep(0, "b"), 1.5)));
            assertEquals("c", Asyncio.await(Asyncio.waitFor(Asyncio.sleep(0, "c"), null)));
            Double none = null;
            assertEquals("d", Asyncio.await(Asyncio.waitFor(Asyncio.sleep(0, "d"), none)));
            Future<String> slow = Asyncio.sleep(10, "late");
            assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(slow, 0)));
            assertTrue(slow.isCancelled());
            assertThrows(IllegalArgumentException.class, () -> Asyncio.waitFor(Asyncio.sleep(0), Double.NaN));
            return null;
        });
    }

    @Test
    void waitTakesAnIntADoubleOrNull() {
        Asyncio.run(() -> {
            Future<String> fast = Asyncio.sleep(0, "fast");
            Future<String> slow = Asyncio.sleep(10, "slow");
            WaitResult<String> first = Asyncio.await(Asyncio.wait(List.of(fast, slow), 1, ReturnWhen.FIRST_COMPLETED));
            assertEquals(List.of(fast), List.copyOf(first.done()));
            WaitResult<String> timedOut = Asyncio.await(Asyncio.wait(List.of(slow), 0.001, ReturnWhen.ALL_COMPLETED));
            assertEquals(List.of(slow), List.copyOf(timedOut.pending()));
            WaitResult<String> none = Asyncio.await(Asyncio.wait(List.of(fast), null, ReturnWhen.ALL_COMPLETED));
            assertEquals(List.of(fast), List.copyOf(none.done()));
            slow.cancel();
            return null;
        });
    }

    @Test
    void asCompletedTakesAnIntADoubleOrNull() {
        Asyncio.run(() -> {
            Future<String> fast = Asyncio.sleep(0, "fast");
            Iterator<Future<String>> it = Asyncio.asCompleted(List.of(fast), 1).iterator();
            assertEquals("fast", Asyncio.await(it.next()));
            Future<String> slow = Asyncio.sleep(10, "slow");
            Iterator<Future<String>> timed = Asyncio.asCompleted(List.of(slow), 0.001).iterator();
            assertThrows(TimeoutError.class, () -> Asyncio.await(timed.next()));
            Iterator<Future<String>> none = Asyncio.asCompleted(List.of(fast), null).iterator();
            assertEquals("fast", Asyncio.await(none.next()));
            slow.cancel();
            return null;
        });
    }

    @Test
    void withTimeoutTakesADuration() {
        Asyncio.run(() -> {
            assertEquals("in time", Asyncio.withTimeout(Duration.ofSeconds(10),
                    () -> Asyncio.await(Asyncio.sleep(0, "in time"))));
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(Duration.ofMillis(1),
                    () -> Asyncio.await(Asyncio.sleep(10))));
            assertEquals(0, Asyncio.currentTask().cancelling());
            assertEquals(1, Asyncio.withTimeout(1, () -> 1)); // an int literal too
            return null;
        });
    }
}
