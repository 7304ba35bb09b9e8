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
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Ports of CPython's test_runners cases for Asyncio.run. */
class RunnerTest {
    @Test
    void returnsTheMainResult() {
        assertEquals("ok", Asyncio.run(() -> {
            Asyncio.await(Asyncio.sleep(0.01));
            return "ok";
        }));
    }

    @Test
    void mainExceptionFollowsTheRethrowRule() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {
            throw boom;
        })));
        IOException io = new IOException("io");
        CompletionException e = assertThrows(CompletionException.class, () -> Asyncio.run(() -> {
            throw io;
        }));
        assertSame(io, e.getCause());
    }

    @Test
    void debugFlagReachesTheLoop() {
        assertTrue(Asyncio.run(() -> Asyncio.getRunningLoop().isDebug(), true));
        assertFalse(Asyncio.run(() -> Asyncio.getRunningLoop().isDebug()));
    }

    @Test
    void runFromARunningLoopIsRefused() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Asyncio.run(() -> {
            try {
                Asyncio.run(() -> 1);
            } catch (Throwable t) {
                seen.set(t);
            }
            return null;
        });
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertTrue(seen.get().getMessage().contains("cannot be called from a running event loop"));
    }

    @Test
    void theLoopIsClosedAfterwardsAndNoLongerCurrent() {
        AtomicReference<EventLoop> used = new AtomicReference<>();
        Asyncio.run(() -> {
            used.set(Asyncio.getRunningLoop());
            return null;
        });
        assertTrue(used.get().isClosed());
        assertThrows(IllegalStateException.class, Asyncio::getEventLoop);
    }

    @Test
    void leftoverTasksAreCancelledAndTheirFinallyBlocksRun() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Asyncio.run(() -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.await(Asyncio.sleep(100));
                    } catch (CancelledError e) {
                        log.add("cancelled " + n);
                        throw e;
                    } finally {
                        log.add("finally " + n);
                    }
                    return null;
                });
            }
            Asyncio.await(Asyncio.sleep(0));
            return null;
        });
        assertEquals(List.of("cancelled 0", "finally 0", "cancelled 1", "finally 1", "cancelled 2", "finally 2"), log);
    }

    @Test
    void leftoverTaskThatFailsWhileShuttingDownIsReported() {
        List<ExceptionContext> errors = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> errors.add(ctx));
            Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(100));
                } catch (CancelledError e) {
                    throw new IllegalStateException("failed during cleanup");
                }
                return null;
            });
            Asyncio.await(Asyncio.sleep(0));
            return null;
        });
        assertEquals(1, errors.size(), String.valueOf(errors));
        assertEquals("unhandled exception during Asyncio.run() shutdown", errors.get(0).message());
        assertEquals("failed during cleanup", errors.get(0).exception().getMessage());
    }

    @Test
    void runCanBeCalledRepeatedlyFromTheSameThread() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            assertEquals(n, Asyncio.run(() -> n));
        }
    }

    @Test
    void nullMainIsRefused() {
        assertThrows(NullPointerException.class, () -> Asyncio.run(null));
    }

    @Test
    void sleepWithNaNIsRefusedAndNegativeYields() {
        Asyncio.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.sleep(Double.NaN));
            assertTrue(e.getMessage().contains("NaN"));
            assertEquals("r", Asyncio.await(Asyncio.sleep(-5, "r")));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> Asyncio.sleep(1), "no running loop");
    }
}
