package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CPython's RunCoroutineThreadsafeTests (test_tasks), plus cancellation from the calling side. */
class RunCoroutineThreadsafeTest {
    private EventLoop loop;

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
        Asyncio.setEventLoop(loop);
    }

    @AfterEach
    void tearDown() {
        Asyncio.setEventLoop(null);
        loop.close();
    }

    /** Wait 0.05 second and return a + b. */
    private int add(int a, int b, boolean fail, boolean cancel) {
        Asyncio.await(Asyncio.sleep(0.05));
        if (fail) {
            throw new IllegalStateException("Fail!");
        }
        if (cancel) {
            Asyncio.currentTask().cancel();
            Asyncio.await(Asyncio.sleep(0));
        }
        return a + b;
    }

    /** Run add in the event loop, from another thread; like concurrent.futures' result(), unwraps the failure. */
    private int target(boolean fail, boolean cancel, Double timeout) throws Exception {
        CompletableFuture<Integer> future = Asyncio.runCoroutineThreadsafe(() -> add(1, 2, fail, cancel), loop);
        try {
            return timeout == null ? future.get() : future.get((long) (timeout * 1000), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        } finally {
            if (!future.isDone()) {
                future.cancel(false);
            }
        }
    }

    private void runBriefly() {
        loop.runUntilComplete(loop.createTask(() -> null));
    }

    @Test
    void runCoroutineThreadsafe() {
        Future<Integer> future = loop.runInExecutor(null, () -> target(false, false, null));
        assertEquals(3, loop.runUntilComplete(future));
    }

    @Test
    void runCoroutineThreadsafeWithException() {
        Future<Integer> future = loop.runInExecutor(null, () -> target(true, false, null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(future));
        assertEquals("Fail!", e.getMessage());
    }

    @Test
    void runCoroutineThreadsafeWithTimeout() {
        Future<Integer> future = loop.runInExecutor(null, () -> target(false, false, 0.0));
        CompletionException e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(future));
        assertInstanceOf(TimeoutException.class, e.getCause());
        runBriefly();
        // no pending task: add has been cancelled (or never started)
        for (Task<?> task : Asyncio.allTasks(loop)) {
            assertTrue(task.isDone(), task.toString());
        }
    }

    @Test
    void runCoroutineThreadsafeTaskCancelled() {
        Future<Integer> future = loop.runInExecutor(null, () -> target(false, true, null));
        assertThrows(CancellationException.class, () -> loop.runUntilComplete(future));
    }

    @Test
    void runCoroutineThreadsafeTaskFactoryException() {
        // No task factories here: a loop whose createTask fails stands in for CPython's corrupted task factory.
        RuntimeException nameError = new RuntimeException("NameError");
        EventLoop failing = (EventLoop) Proxy.newProxyInstance(EventLoop.class.getClassLoader(),
                new Class<?>[] {EventLoop.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createTask")) {
                        throw nameError;
                    }
                    try {
                        return method.invoke(loop, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<ExceptionContext> handled = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> handled.add(ctx));
        Future<Integer> run = loop.runInExecutor(null, () -> {
            CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(() -> 1, failing);
            try {
                return f.get();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        });
        RuntimeException e = assertThrows(RuntimeException.class, () -> loop.runUntilComplete(run));
        assertSame(nameError, e);
        assertEquals(1, handled.size());
        assertSame(nameError, handled.get(0).exception());
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTaskOnItsLoop() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        Future<Object> caller = loop.runInExecutor(null, () -> {
            CompletableFuture<String> f = Asyncio.runCoroutineThreadsafe(() -> {
                started.countDown();
                try {
                    Asyncio.await(Asyncio.sleep(30));
                } catch (CancelledError e) {
                    sawCancel.set(true);
                    throw e;
                }
                return "late";
            }, loop);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(f.cancel(true));
            return f;
        });
        CompletableFuture<?> f = (CompletableFuture<?>) loop.runUntilComplete(caller);
        assertTrue(f.isCancelled());
        runBriefly();
        assertTrue(sawCancel.get());
        assertTrue(Asyncio.allTasks(loop).isEmpty());
    }

    @Test
    void cancelledBeforeTheLoopRunsItTheBodyNeverStarts() {
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Object> f = Asyncio.runCoroutineThreadsafe(() -> ran.getAndSet(true), loop);
        f.cancel(false);
        runBriefly();
        assertFalse(ran.get());
        assertTrue(Asyncio.allTasks(loop).isEmpty());
    }

    @Test
    void aCancelledTaskCompletesTheFutureWithCancelledError() {
        CompletableFuture<Object> f = Asyncio.runCoroutineThreadsafe(() -> {
            Asyncio.currentTask().cancel("stop here");
            return Asyncio.await(Asyncio.sleep(1));
        }, loop);
        runBriefly();
        runBriefly();
        assertTrue(f.isCancelled());
        assertThrows(CancellationException.class, f::join);
        // the stored cause is asyncio's CancelledError (newer JDKs wrap it in a fresh exception in join())
        assertInstanceOf(CancelledError.class, f.handle((v, e) -> e).join());
    }

    @Test
    void fromTheLoopsOwnThreadItIsScheduledNotRunInline() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            CompletableFuture<Object> f = Asyncio.runCoroutineThreadsafe(() -> log.add("coroutine"), Asyncio.getRunningLoop());
            log.add("caller");
            Asyncio.await(Asyncio.wrapFuture(f));
            return null;
        });
        assertEquals(List.of("caller", "coroutine"), log);
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> Asyncio.runCoroutineThreadsafe(null, loop));
        assertThrows(NullPointerException.class, () -> Asyncio.runCoroutineThreadsafe(() -> 1, null));
        EventLoop closed = Asyncio.newEventLoop();
        closed.close();
        Coroutine<Integer> one = () -> 1;
        assertThrows(IllegalStateException.class, () -> Asyncio.runCoroutineThreadsafe(one, closed));
    }
}
