package dev.asyncio4j;

import static dev.asyncio4j.kotlin.internal.LoopTesting.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ported from CPython 3.12's test_tasks {@code test_shield*}. */
class ShieldTest {
    private final EventLoop loop = Asyncio.newEventLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void result() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = Asyncio.shield(inner);
        inner.setResult(42);
        assertEquals(42, loop.runUntilComplete(outer));
    }

    @Test
    void exception() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = Asyncio.shield(inner);
        IllegalStateException exc = new IllegalStateException();
        inner.setException(exc);
        runBriefly(loop);
        assertSame(exc, outer.exception());
    }

    @Test
    void cancelInnerCancelsOuter() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = Asyncio.shield(inner);
        runBriefly(loop);
        inner.cancel();
        runBriefly(loop);
        assertTrue(outer.isCancelled());
    }

    @Test
    void cancelOuterLeavesInnerRunning() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = Asyncio.shield(inner);
        runBriefly(loop);
        outer.cancel();
        runBriefly(loop);
        assertTrue(outer.isCancelled());
        assertFalse(inner.isCancelled());
        inner.setResult(7);
        runBriefly(loop);
        assertEquals(7, inner.result());
    }

    @Test
    void shortcutForADoneFuture() {
        Future<Integer> fut = loop.createFuture();
        fut.setResult(42);
        assertSame(fut, Asyncio.shield(fut));
    }

    @Test
    void effectOnAnAwaitingTask() {
        // CPython test_shield_effect: cancelling outer() cancels the shield but not inner().
        int[] proof = {0};
        Future<Void> waiter = loop.createFuture();
        Task<Void> outerTask = loop.createTask(() -> {
            Task<Void> innerTask = Asyncio.createTask(() -> {
                Asyncio.await(waiter);
                proof[0] += 1;
                return null;
            });
            Asyncio.await(Asyncio.shield(innerTask));
            proof[0] += 100;
            return null;
        });
        runBriefly(loop);
        outerTask.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outerTask));
        waiter.setResult(null);
        runBriefly(loop);
        assertEquals(1, proof[0]);
    }

    @Test
    void shieldOfAGather() {
        Future<Integer> child1 = loop.createFuture();
        Future<Integer> child2 = loop.createFuture();
        Future<List<Integer>> parent = Asyncio.gather(child1, child2);
        Future<List<Integer>> outer = Asyncio.shield(parent);
        runBriefly(loop);
        outer.cancel();
        runBriefly(loop);
        assertTrue(outer.isCancelled());
        child1.setResult(1);
        child2.setResult(2);
        runBriefly(loop);
        assertEquals(List.of(1, 2), parent.result());
    }

    @Test
    void gatherOfShields() {
        Future<Integer> child1 = loop.createFuture();
        Future<Integer> child2 = loop.createFuture();
        Future<Integer> inner1 = Asyncio.shield(child1);
        Future<Integer> inner2 = Asyncio.shield(child2);
        Future<List<Integer>> parent = Asyncio.gather(inner1, inner2);
        runBriefly(loop);
        parent.cancel();
        // This cancels inner1 and inner2 but not child1 and child2.
        runBriefly(loop);
        assertInstanceOf(CancelledError.class, parent.exception());
        assertTrue(inner1.isCancelled());
        assertTrue(inner2.isCancelled());
        assertFalse(child1.isCancelled());
        child1.setResult(1);
        child2.setResult(2);
        runBriefly(loop);
    }

    @Test
    void innerFailureStillReachesItsHolderAfterTheOuterWasCancelled() {
        Asyncio.run(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.02));
                throw new IllegalStateException("late");
            });
            Future<Integer> outer = Asyncio.shield(inner);
            outer.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(outer));
            assertEquals("late", assertThrows(IllegalStateException.class, () -> Asyncio.await(inner)).getMessage());
            return null;
        });
    }

    @Test
    void nullIsNpe() {
        assertThrows(NullPointerException.class, () -> Asyncio.shield(null));
    }
}
