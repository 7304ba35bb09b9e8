package dev.asyncio4j;

import dev.asyncio4j.kotlin.internal.AwaitAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CPython's test_threads (asyncio.to_thread), plus what Java adds: threads, checked exceptions. */
class ToThreadTest {
    @Test
    void toThread() {
        int result = Asyncio.run(() -> Asyncio.await(Asyncio.toThread(() -> IntStream.of(40, 2).sum())));
        assertEquals(42, result);
    }

    @Test
    void toThreadException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() ->
                Asyncio.await(Asyncio.toThread(() -> {
                    throw new IllegalStateException("test");
                }))));
        assertEquals("test", e.getMessage());
    }

    @Test
    void aCheckedExceptionArrivesWrappedByTheRethrowRule() {
        CompletionException e = assertThrows(CompletionException.class, () -> Asyncio.run(() ->
                Asyncio.await(Asyncio.toThread(() -> {
                    throw new IOException("disk");
                }))));
        assertInstanceOf(IOException.class, e.getCause());
        Throwable stored = Asyncio.run(() -> {
            Future<Object> f = Asyncio.toThread(() -> {
                throw new IOException("disk");
            });
            try {
                Asyncio.await(f);
            } catch (CompletionException expected) {
                // the original stays available through exception()
            }
            return f.exception();
        });
        assertInstanceOf(IOException.class, stored);
    }

    @Test
    @SuppressWarnings("unchecked")
    void toThreadOnce() throws Exception {
        Callable<Object> func = mock(Callable.class);
        Asyncio.run(() -> Asyncio.await(Asyncio.toThread(func)));
        verify(func, times(1)).call();
    }

    @Test
    @SuppressWarnings("unchecked")
    void toThreadConcurrent() throws Exception {
        Callable<Object> func = mock(Callable.class);
        Asyncio.run(() -> {
            List<Future<Object>> futs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futs.add(Asyncio.toThread(func));
            }
            return AwaitAll.of(futs);
        });
        verify(func, times(10)).call();
    }

    @Test
    @SuppressWarnings("unchecked")
    void toThreadArgs() {
        // Python passes *args/**kwargs; Java captures them in the lambda.
        BiFunction<String, Boolean, Object> func = mock(BiFunction.class);
        Asyncio.run(() -> Asyncio.await(Asyncio.toThread(() -> func.apply("test", true))));
        verify(func).apply("test", true);
    }

    @Test
    void runsOnANamedDaemonThreadOfTheDefaultExecutor() {
        Thread[] seen = new Thread[2];
        Asyncio.run(() -> {
            seen[0] = Thread.currentThread();
            seen[1] = Asyncio.await(Asyncio.toThread(Thread::currentThread));
            return null;
        });
        assertNotSame(seen[0], seen[1]);
        assertTrue(seen[1].getName().startsWith("asyncio4j-executor-"), seen[1].getName());
        assertTrue(seen[1].isDaemon());
        // platform threads on every JDK: CPU-bound functions on virtual threads would hold the loop's carriers
        assertFalse(dev.asyncio4j.jdk.internal.VirtualThreads.isVirtual(seen[1]));
    }

    @Test
    void blockingCallsOverlap() {
        double[] elapsed = new double[1];
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            List<Future<Object>> futs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futs.add(Asyncio.toThread(() -> {
                    Thread.sleep(200);
                    return null;
                }));
            }
            AwaitAll.of(futs);
            elapsed[0] = loop.time() - start;
            return null;
        });
        assertTrue(elapsed[0] < 0.6, "5 x 0.2 s took " + elapsed[0] + " s");
    }

    @Test
    void needsARunningLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.toThread(() -> 1));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }
}
