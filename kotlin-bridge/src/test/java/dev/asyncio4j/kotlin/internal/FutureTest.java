package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.InvalidStateError;
import dev.asyncio4j.StopIteration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Ports of CPython's test_futures for our Future. */
class FutureTest extends LoopTestSupport {
    @Test
    void initialState() {
        Future<Integer> f = loop.createFuture();
        assertFalse(f.isCancelled());
        assertFalse(f.isDone());
        assertSame(loop, f.getLoop());
        assertEquals("<Future pending>", f.toString());
        InvalidStateError e = assertThrows(InvalidStateError.class, f::result);
        assertTrue(e.getMessage().contains("not ready"));
        assertThrows(InvalidStateError.class, f::exception);
    }

    @Test
    void cancel() {
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        assertThrows(CancelledError.class, f::result);
        assertThrows(CancelledError.class, f::exception);
        assertThrows(InvalidStateError.class, () -> f.setResult(1));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        assertEquals("<Future cancelled>", f.toString());
    }

    @Test
    void cancelMessageReachesTheCancelledError() {
        Future<Integer> f = loop.createFuture();
        f.cancel("my message");
        CancelledError e = assertThrows(CancelledError.class, f::result);
        assertEquals("my message", e.getMessage());
    }

    @Test
    void result() {
        Future<Integer> f = loop.createFuture();
        f.setResult(42);
        assertFalse(f.isCancelled());
        assertTrue(f.isDone());
        assertEquals(42, f.result());
        assertNull(f.exception());
        assertThrows(InvalidStateError.class, () -> f.setResult(1));
        assertFalse(f.cancel());
        assertEquals("<Future finished result=42>", f.toString());
    }

    @Test
    void stringResultIsShownLikePythonsRepr() {
        Future<String> f = loop.createFuture();
        f.setResult("abc");
        assertEquals("<Future finished result='abc'>", f.toString());
    }

    @Test
    void uncheckedExceptionIsRethrownAsItIs() {
        Future<Integer> f = loop.createFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        f.setException(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, f::result));
        assertSame(boom, f.exception());
        assertEquals("<Future finished exception=java.lang.IllegalStateException: boom>", f.toString());
        assertThrows(InvalidStateError.class, () -> f.setResult(1));
        assertFalse(f.cancel());
    }

    @Test
    void checkedExceptionArrivesWrappedInCompletionException() {
        Future<Integer> f = loop.createFuture();
        IOException io = new IOException("disk");
        f.setException(io);
        CompletionException e = assertThrows(CompletionException.class, f::result);
        assertSame(io, e.getCause());
        assertSame(io, f.exception());
    }

    @Test
    void errorIsRethrownAsItIs() {
        Future<Integer> f = loop.createFuture();
        AssertionError err = new AssertionError("bad");
        f.setException(err);
        assertSame(err, assertThrows(AssertionError.class, f::result));
    }

    @Test
    void stopIterationCannotBeSet() {
        Future<Integer> f = loop.createFuture();
        assertThrows(IllegalArgumentException.class, () -> f.setException(new StopIteration()));
        assertFalse(f.isDone());
    }

    @Test
    void nullExceptionIsRefused() {
        Future<Integer> f = loop.createFuture();
        assertThrows(NullPointerException.class, () -> f.setException(null));
        assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
    }

    @Test
    void callbacksRunInRegistrationOrderAndNeverSynchronously() {
        @SuppressWarnings("unchecked")
        Consumer<Future<Integer>> a = mock(Consumer.class);
        @SuppressWarnings("unchecked")
        Consumer<Future<Integer>> b = mock(Consumer.class);
        @SuppressWarnings("unchecked")
        Consumer<Future<Integer>> c = mock(Consumer.class);
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        f.addDoneCallback(c);
        f.setResult(1);
        verify(a, never()).accept(f);
        runBriefly();
        InOrder order = inOrder(a, b, c);
        order.verify(a).accept(f);
        order.verify(b).accept(f);
        order.verify(c).accept(f);
    }

    @Test
    void callbackAddedToADoneFutureIsScheduledNotCalled() {
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        @SuppressWarnings("unchecked")
        Consumer<Future<Integer>> cb = mock(Consumer.class);
        f.addDoneCallback(cb);
        verify(cb, never()).accept(f);
        runBriefly();
        verify(cb, times(1)).accept(f);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistration() {
        List<String> calls = new ArrayList<>();
        Consumer<Future<Integer>> a = x -> calls.add("a");
        Consumer<Future<Integer>> b = x -> calls.add("b");
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        assertEquals(2, f.removeDoneCallback(a));
        assertEquals(0, f.removeDoneCallback(x -> { }));
        f.setResult(1);
        runBriefly();
        assertEquals(List.of("b", "b"), calls);
    }

    @Test
    void callbacksAfterCancel() {
        List<Boolean> seen = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(x -> seen.add(x.isCancelled()));
        f.cancel();
        runBriefly();
        assertEquals(List.of(true), seen);
    }

    @Test
    void exceptionInCallbackGoesToTheHandler() {
        Future<Integer> f = loop.createFuture();
        RuntimeException boom = new RuntimeException("cb");
        List<String> after = new ArrayList<>();
        f.addDoneCallback(x -> {
            throw boom;
        });
        f.addDoneCallback(x -> after.add("second ran"));
        f.setResult(1);
        runBriefly();
        assertEquals(List.of("second ran"), after);
        assertEquals(1, errors.size());
        assertSame(boom, errors.get(0).exception());
    }

    @Test
    void neverRetrievedExceptionIsReportedWhenTheLoopCloses() {
        Future<Integer> f = loop.createFuture();
        RuntimeException boom = new RuntimeException("lost");
        f.setException(boom);
        loop.close();
        assertEquals(1, errors.size());
        assertEquals("Future exception was never retrieved", errors.get(0).message());
        assertSame(boom, errors.get(0).exception());
        assertSame(f, errors.get(0).future());
    }

    @Test
    void retrievedExceptionIsNotReported() {
        Future<Integer> viaException = loop.createFuture();
        viaException.setException(new RuntimeException("seen"));
        viaException.exception();
        Future<Integer> viaResult = loop.createFuture();
        viaResult.setException(new RuntimeException("seen"));
        assertThrows(RuntimeException.class, viaResult::result);
        Future<Integer> viaCallback = loop.createFuture();
        viaCallback.addDoneCallback(Future::exception);
        viaCallback.setException(new RuntimeException("seen"));
        runBriefly();
        loop.close();
        assertEquals(List.of(), errors);
    }

    @Test
    void neverRetrievedExceptionIsReportedWhenTheFutureIsCollected() throws Exception {
        failAndForget(loop);
        for (int i = 0; i < 50 && errors.isEmpty(); i++) {
            System.gc();
            loop.callLater(0.02, loop::stop);
            loop.runForever();
        }
        assertEquals(1, errors.size(), "the Cleaner did not report the lost exception");
        assertTrue(errors.get(0).message().startsWith("Future exception was never retrieved"));
    }

    private static void failAndForget(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setException(new IllegalArgumentException("collected"));
    }

    @Test
    void toCompletableFutureCompletesLikeTheFuture() throws Exception {
        Future<Integer> ok = loop.createFuture();
        CompletableFuture<Integer> okCf = ok.toCompletableFuture();
        assertSame(okCf, ok.toCompletableFuture());
        Future<Integer> failed = loop.createFuture();
        CompletableFuture<Integer> failedCf = failed.toCompletableFuture();
        Future<Integer> cancelled = loop.createFuture();
        CompletableFuture<Integer> cancelledCf = cancelled.toCompletableFuture();
        ok.setResult(7);
        IOException io = new IOException("x");
        failed.setException(io);
        cancelled.cancel();
        runBriefly();
        assertEquals(7, okCf.get(1, TimeUnit.SECONDS));
        ExecutionException ee = assertThrows(ExecutionException.class, () -> failedCf.get(1, TimeUnit.SECONDS));
        assertSame(io, ee.getCause());
        assertTrue(cancelledCf.isCancelled());
        // created after completion: completes at once
        assertEquals(7, ok.toCompletableFuture().getNow(-1));
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheFutureThroughTheLoop() throws Exception {
        Future<Integer> f = loop.createFuture();
        CompletableFuture<Integer> cf = f.toCompletableFuture();
        loop.callSoon(() -> new Thread(() -> cf.cancel(true)).start());
        Future<Void> seen = loop.createFuture();
        f.addDoneCallback(x -> seen.setResult(null));
        loop.runUntilComplete(seen);
        assertTrue(f.isCancelled());
    }

    @Test
    void thenApplyThenComposeExceptionallyWhenComplete() {
        Future<Integer> source = loop.createFuture();
        Future<String> mapped = source.thenApply(v -> "v" + v);
        Future<Integer> composed = source.thenCompose(v -> Asyncio.sleep(0.01, v * 2));
        List<String> seen = new ArrayList<>();
        Future<Integer> observed = source.whenComplete((v, e) -> seen.add(v + "/" + e));
        loop.callSoon(() -> source.setResult(21));
        assertEquals("v21", loop.runUntilComplete(mapped));
        assertEquals(42, loop.runUntilComplete(composed));
        assertEquals(21, loop.runUntilComplete(observed));
        assertEquals(List.of("21/null"), seen);

        Future<Integer> failing = loop.createFuture();
        Future<Integer> recovered = failing.exceptionally(e -> e.getMessage().length());
        Future<String> notMapped = failing.thenApply(v -> "never");
        loop.callSoon(() -> failing.setException(new IllegalStateException("four")));
        assertEquals(4, loop.runUntilComplete(recovered));
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(notMapped));
    }

    @Test
    void thenApplyFailureAndCancellationPropagate() {
        Future<Integer> source = loop.createFuture();
        Future<Integer> throwing = source.thenApply(v -> {
            throw new IllegalArgumentException("in fn");
        });
        loop.callSoon(() -> source.setResult(1));
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(throwing));

        Future<Integer> upstream = loop.createFuture();
        Future<Integer> derived = upstream.thenApply(v -> v + 1);
        derived.cancel();
        runBriefly();
        assertTrue(upstream.isCancelled(), "cancelling a derived Future cancels its source");
    }
}
