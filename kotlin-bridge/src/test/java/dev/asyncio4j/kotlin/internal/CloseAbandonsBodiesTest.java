package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} with Java Tasks still pending (issue 11): their bodies are woken with a CancelledError one at a
 * time, as the loop's single logical thread, and {@code close()} returns after the last one finished.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseAbandonsBodiesTest {
    @Test
    void pendingBodiesCleanUpOneAtATimeBeforeCloseReturns() {
        int n = 8;
        EventLoop loop = Asyncio.newEventLoop();
        List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int[] shared = {0}; // touched without a lock, as the threading model allows
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            int id = i;
            loop.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(3600));
                } catch (CancelledError expected) {
                    log.add("cancelled " + id);
                    throw expected;
                } finally {
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    int seen = shared[0];
                    Thread.sleep(5); // widen the window in which another cleanup would interleave
                    shared[0] = seen + 1;
                    inside.decrementAndGet();
                }
                return null;
            }, "pending-" + i);
        }
        LoopTesting.runBriefly(loop); // every body is now parked in its await
        loop.close();
        log.add("closed");
        assertEquals(0, overlaps.get(), "cleanups ran concurrently");
        assertEquals(n, shared[0], "cleanups lost updates: they overlapped");
        assertEquals("closed", log.get(log.size() - 1), "close() returned before the cleanups ended: " + log);
        assertEquals(n + 1, log.size(), log.toString());
        assertEquals(n, reports.stream()
                .filter(c -> c.message().startsWith("Task was destroyed but it is pending!")).count());
    }

    @Test
    void aBodyThatAwaitsAgainAfterTheCloseDoesNotHoldUpClose() {
        EventLoop loop = Asyncio.newEventLoop();
        List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        loop.createTask(() -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            try {
                Asyncio.await(never);
            } catch (CancelledError e) {
                log.add("cancelled");
                Asyncio.await(never); // ignores the close: CPython's "coroutine ignored GeneratorExit"
                log.add("never");
            }
            return null;
        }, "stubborn");
        loop.createTask(() -> {
            try {
                Asyncio.await(Asyncio.sleep(3600));
            } finally {
                log.add("second cleaned up");
            }
            return null;
        }, "second");
        LoopTesting.runBriefly(loop);
        loop.close();
        log.add("closed");
        assertEquals(List.of("cancelled", "second cleaned up", "closed"), log);
        assertTrue(reports.stream().anyMatch(c -> c.message().contains("ignored") && c.future() != null
                && c.future().toString().contains("stubborn")), reports.toString());
    }
}
