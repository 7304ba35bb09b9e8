package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CPython's wrap_future tests (test_futures), on CompletableFuture and CompletionStage. */
class WrapFutureTest {
    private EventLoop loop;
    private ExecutorService ex;

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
        ex = Executors.newFixedThreadPool(1);
    }

    @AfterEach
    void tearDown() {
        Asyncio.setEventLoop(null);
        loop.close();
        ex.shutdownNow();
    }

    private void runBriefly() {
        loop.runUntilComplete(loop.createTask(() -> null));
    }

    @Test
    void wrapFuture() {
        CompletableFuture<Object[]> f1 = CompletableFuture.supplyAsync(() -> new Object[] {"oi", Thread.currentThread()}, ex);
        Future<Object[]> f2 = Asyncio.wrapFuture(f1, loop);
        Object[] res = loop.runUntilComplete(f2);
        assertEquals("oi", res[0]);
        assertNotSame(Thread.currentThread(), res[1]);
    }

    @Test
    void wrapFutureWithoutLoop() {
        CompletableFuture<String> f1 = CompletableFuture.supplyAsync(() -> "oi", ex);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.wrapFuture(f1));
        assertTrue(e.getMessage().contains("no current event loop"), e.getMessage());
    }

    @Test
    void wrapFutureUseRunningLoop() {
        CompletableFuture<String> f1 = CompletableFuture.supplyAsync(() -> "oi", ex);
        Future<String> f2 = loop.runUntilComplete(() -> Asyncio.wrapFuture(f1));
        assertSame(loop, f2.getLoop());
    }

    @Test
    void wrapFutureUseGlobalLoop() {
        Asyncio.setEventLoop(loop);
        CompletableFuture<String> f1 = CompletableFuture.supplyAsync(() -> "oi", ex);
        Future<String> f2 = Asyncio.wrapFuture(f1);
        assertSame(loop, f2.getLoop());
        assertEquals("oi", loop.runUntilComplete(f2));
    }

    @Test
    void wrapFutureCancel() {
        CompletableFuture<Object> f1 = new CompletableFuture<>();
        Future<Object> f2 = Asyncio.wrapFuture(f1, loop);
        f2.cancel();
        runBriefly();
        assertTrue(f1.isCancelled());
        assertTrue(f2.isCancelled());
    }

    @Test
    void wrapFutureCancel2() {
        CompletableFuture<Object> f1 = new CompletableFuture<>();
        Future<Object> f2 = Asyncio.wrapFuture(f1, loop);
        f1.complete(42);
        f2.cancel();
        runBriefly();
        assertFalse(f1.isCancelled());
        assertEquals(42, f1.join());
        assertTrue(f2.isCancelled());
    }

    @Test
    void aCancelledSourceCancelsTheWrapper() {
        CompletableFuture<Object> f1 = new CompletableFuture<>();
        Future<Object> f2 = Asyncio.wrapFuture(f1, loop);
        f1.cancel(false);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f2));
        assertTrue(f2.isCancelled());
    }

    @Test
    void failuresArriveUnwrapped() {
        CompletableFuture<Object> failed = CompletableFuture.supplyAsync(() -> {
            throw new IllegalArgumentException("bad");
        }, ex);
        Future<Object> f = Asyncio.wrapFuture(failed, loop);
        assertEquals("bad", assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f)).getMessage());
        assertInstanceOf(IllegalArgumentException.class, f.exception());

        CompletableFuture<Object> checked = CompletableFuture.failedFuture(new IOException("io"));
        Future<Object> g = Asyncio.wrapFuture(checked.thenApply(x -> x), loop); // a dependent stage wraps it
        CompletionException e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(g));
        assertInstanceOf(IOException.class, e.getCause());
        assertInstanceOf(IOException.class, g.exception());
    }

    @Test
    void aMinimalStageIsWrappedAndItsCancellationIsHarmless() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletionStage<String> minimal = source.minimalCompletionStage();
        Future<String> f = Asyncio.wrapFuture(minimal, loop);
        source.complete("x");
        assertEquals("x", loop.runUntilComplete(f));
        CompletableFuture<String> other = new CompletableFuture<>();
        Future<String> g = Asyncio.wrapFuture(other.minimalCompletionStage(), loop);
        g.cancel();
        runBriefly();
        assertTrue(g.isCancelled());
        assertFalse(other.isDone());
    }

    @Test
    void anAlreadyCompletedStageArrivesOnTheNextIteration() {
        Future<String> f = loop.runUntilComplete(() -> {
            Future<String> w = Asyncio.wrapFuture(CompletableFuture.completedFuture("now"));
            assertFalse(w.isDone());
            return w;
        });
        assertEquals("now", loop.runUntilComplete(f));
    }

    @Test
    void completingAfterTheLoopClosedIsHarmless() {
        CompletableFuture<String> f1 = new CompletableFuture<>();
        Future<String> f2 = Asyncio.wrapFuture(f1, loop);
        loop.close();
        assertTrue(f1.complete("late"));
        assertFalse(f2.isDone());
    }

    @Test
    void awaitedInATaskWhileAnotherThreadCompletesIt() {
        CompletableFuture<String> f1 = new CompletableFuture<>();
        String result = loop.runUntilComplete(() -> {
            new Thread(() -> f1.complete("from a thread")).start();
            return Asyncio.await(Asyncio.wrapFuture(f1));
        });
        assertEquals("from a thread", result);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> Asyncio.wrapFuture(null, loop));
        assertThrows(NullPointerException.class, () -> Asyncio.wrapFuture(new CompletableFuture<>(), null));
    }
}
