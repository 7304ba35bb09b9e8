package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code Future.toCompletableFuture()} from any thread, on a loop running in a background thread. */
class ToCompletableFutureTest {
    @Test
    void resultsFailuresAndCancellationReachAnotherThread() throws Exception {
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            CompletableFuture<String> ok = bg.submit(() -> Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                return "done";
            }).toCompletableFuture());
            assertEquals("done", ok.get(5, TimeUnit.SECONDS));

            CompletableFuture<Object> checked = bg.submit(() -> Asyncio.createTask(() -> {
                throw new IOException("io");
            }).toCompletableFuture());
            CompletionException e = assertThrows(CompletionException.class, checked::join);
            assertInstanceOf(IOException.class, e.getCause());

            CompletableFuture<Object> cancelled = bg.submit(() -> {
                Future<Object> f = Asyncio.getRunningLoop().createFuture();
                f.cancel("no");
                return f.toCompletableFuture();
            });
            assertThrows(CancellationException.class, cancelled::join);
            assertInstanceOf(CancelledError.class, cancelled.handle((v, error) -> error).join());
        }
    }

    @Test
    void cancellingTheBridgeFromAnotherThreadRequestsTaskCancellation() throws Exception {
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            CountDownLatch waiting = new CountDownLatch(1);
            AtomicBoolean cleanedUp = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<Task<String>> task = new java.util.concurrent.atomic.AtomicReference<>();
            CompletableFuture<String> cf = bg.submit(() -> {
                task.set(Asyncio.createTask(() -> {
                    try {
                        waiting.countDown();
                        Asyncio.await(Asyncio.sleep(30));
                        return "never";
                    } finally {
                        Asyncio.await(Asyncio.sleep(0)); // cleanup may still await: the request is a request
                        cleanedUp.set(true);
                    }
                }));
                return task.get().toCompletableFuture();
            });
            assertTrue(waiting.await(5, TimeUnit.SECONDS));
            assertTrue(cf.cancel(true));
            boolean cancelled = bg.call(() -> {
                Asyncio.await(Asyncio.wrapFuture(CompletableFuture.runAsync(() -> { })));
                while (!task.get().isDone()) {
                    Asyncio.await(Asyncio.sleep(0));
                }
                return task.get().isCancelled();
            });
            assertTrue(cancelled);
            assertTrue(cleanedUp.get());
        }
    }

    @Test
    void sameInstanceEveryTimeAndCreatedLateItIsAlreadyDone() throws Exception {
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            Future<Integer> f = bg.call(() -> {
                Future<Integer> fut = Asyncio.getRunningLoop().createFuture();
                fut.setResult(7);
                return fut;
            });
            CompletableFuture<Integer> a = f.toCompletableFuture();
            assertSame(a, f.toCompletableFuture());
            assertEquals(7, a.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void bridgesCreatedWhileTheFuturesCompleteNeverMissTheOutcome() throws Exception {
        try (BackgroundLoop bg = BackgroundLoop.start()) {
            int n = 2000;
            List<Future<Integer>> futures = bg.call(() -> {
                List<Future<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    fs.add(Asyncio.getRunningLoop().createFuture());
                }
                return fs;
            });
            EventLoop loop = bg.loop();
            loop.callSoonThreadsafe(() -> {
                for (int i = 0; i < n; i++) {
                    futures.get(i).setResult(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(i, futures.get(i).toCompletableFuture().get(5, TimeUnit.SECONDS));
            }
        }
    }
}
