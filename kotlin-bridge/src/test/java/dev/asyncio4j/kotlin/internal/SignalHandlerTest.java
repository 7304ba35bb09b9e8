package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code addSignalHandler}/{@code removeSignalHandler} with real signals sent to this JVM. Only SIGWINCH and SIGURG
 * are used: their default action is to do nothing, so a mistake cannot end the test run.
 */
@DisabledOnOs(OS.WINDOWS)
class SignalHandlerTest {
    private EventLoop loop;

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private static void raise(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                .inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    @Test
    void aSignalRunsTheCallbackOnTheLoop() {
        EventLoop[] seenLoop = new EventLoop[1];
        String result = loop.runUntilComplete(() -> {
            CompletableFuture<String> got = new CompletableFuture<>();
            Asyncio.getRunningLoop().addSignalHandler("WINCH", () -> {
                seenLoop[0] = Asyncio.getRunningLoop();
                got.complete("winch");
            });
            Asyncio.await(Asyncio.toThread(() -> {
                raise("WINCH");
                return null;
            }));
            return Asyncio.await(Asyncio.wrapFuture(got));
        });
        assertEquals("winch", result);
        assertSame(loop, seenLoop[0]);
        assertTrue(loop.removeSignalHandler("WINCH"));
        assertFalse(loop.removeSignalHandler("WINCH"));
    }

    @Test
    void aRemovedHandlerIsNotCalledAndNamesMayCarryTheSigPrefix() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        loop.addSignalHandler("SIGURG", calls::incrementAndGet);
        assertTrue(loop.removeSignalHandler("urg"));
        raise("URG");
        // a later signal we do handle proves the first one had been delivered (signals are handled in order)
        CompletableFuture<Void> marker = new CompletableFuture<>();
        loop.addSignalHandler("WINCH", () -> marker.complete(null));
        raise("WINCH");
        loop.runUntilComplete(() -> Asyncio.await(Asyncio.wrapFuture(marker)));
        assertEquals(0, calls.get());
    }

    @Test
    void theLatestHandlerForASignalWins() throws Exception {
        AtomicInteger first = new AtomicInteger();
        CompletableFuture<Void> second = new CompletableFuture<>();
        loop.addSignalHandler("WINCH", first::incrementAndGet);
        loop.addSignalHandler("WINCH", () -> second.complete(null));
        raise("WINCH");
        loop.runUntilComplete(() -> Asyncio.await(Asyncio.wrapFuture(second)));
        assertEquals(0, first.get());
        assertTrue(loop.removeSignalHandler("WINCH"));
    }

    @Test
    void closingTheLoopRemovesItsHandlers() throws Exception {
        EventLoop other = Asyncio.newEventLoop();
        AtomicInteger calls = new AtomicInteger();
        other.addSignalHandler("WINCH", calls::incrementAndGet);
        other.close();
        assertFalse(other.removeSignalHandler("WINCH"));
        // the signal is ours again
        CompletableFuture<Void> mine = new CompletableFuture<>();
        loop.addSignalHandler("WINCH", () -> mine.complete(null));
        raise("WINCH");
        loop.runUntilComplete(() -> Asyncio.await(Asyncio.wrapFuture(mine)));
        assertEquals(0, calls.get());
        assertTrue(loop.removeSignalHandler("WINCH"));
    }

    @Test
    void badSignalsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler("NOSUCHSIGNAL", () -> { }));
        assertThrows(IllegalArgumentException.class, () -> loop.addSignalHandler(" ", () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.addSignalHandler("KILL", () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.addSignalHandler("SEGV", () -> { }));
        assertThrows(NullPointerException.class, () -> loop.addSignalHandler(null, () -> { }));
        assertThrows(NullPointerException.class, () -> loop.addSignalHandler("WINCH", null));
        assertFalse(loop.removeSignalHandler("TERM"));
    }

    @Test
    void aClosedLoopRefusesNewHandlers() {
        EventLoop closed = Asyncio.newEventLoop();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.addSignalHandler("WINCH", () -> { }));
    }

    @Test
    void callbacksArriveFromTheSignalThreadWithoutBlockingIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            bg.call(() -> {
                Asyncio.getRunningLoop().addSignalHandler("WINCH", () -> {
                    if (calls.incrementAndGet() == 1) {
                        enough.complete(null);
                    }
                });
                return null;
            });
            raise("WINCH");
            enough.get(10, TimeUnit.SECONDS);
            assertTrue(bg.call(() -> Asyncio.getRunningLoop().removeSignalHandler("WINCH")));
        }
    }
}
