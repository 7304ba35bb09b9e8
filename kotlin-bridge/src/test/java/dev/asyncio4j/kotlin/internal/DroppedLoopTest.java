package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop dropped without {@code close()} while Java Tasks are pending is collected like any garbage (CPython
 * collects it too): its bodies' threads end, and "Task was destroyed but it is pending!" reaches the exception
 * handler the loop had (issue 11).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DroppedLoopTest {
    private static final int LOOPS = 20;

    /** A loop with one Java Task parked in an await, which the caller then drops. */
    private static WeakReference<EventLoop> startAndDrop(List<Thread> threads, List<ExceptionContext> reports,
                                                         List<String> cleanups) {
        EventLoop loop = Asyncio.newEventLoop();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        loop.createTask(() -> {
            if (!JavaBody.ON_CONTINUATIONS) {
                // On continuations the body runs on the loop's own thread, which refers to the loop.
                threads.add(Thread.currentThread());
            }
            try {
                Asyncio.await(Asyncio.sleep(3600));
            } finally {
                cleanups.add("cleaned up");
            }
            return null;
        }, "dropped-task");
        LoopTesting.runBriefly(loop);
        return new WeakReference<>(loop);
    }

    private static boolean idleInBodyThreads(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith(BodyThreads.class.getName()) && frame.getMethodName().equals("awaitNextBody")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aDroppedLoopWithAPendingJavaTaskIsCollectedAndItsThreadEnds() throws InterruptedException {
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());
        List<String> cleanups = Collections.synchronizedList(new ArrayList<>());
        List<WeakReference<EventLoop>> loops = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            loops.add(startAndDrop(threads, reports, cleanups));
        }
        assertEquals(JavaBody.ON_CONTINUATIONS ? 0 : LOOPS, threads.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int reachable = LOOPS;
        while (System.nanoTime() < deadline) {
            System.gc();
            reachable = (int) loops.stream().filter(r -> r.get() != null).count();
            if (reachable == 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(0, reachable, reachable + " of " + LOOPS + " dropped loops are still reachable after GC");
        for (Thread t : threads) {
            // JDK 17 keeps a few finished bodies' platform threads idle for later bodies (of any loop)
            while (t.isAlive() && !idleInBodyThreads(t) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(t.isAlive() && !idleInBodyThreads(t), "the thread of a dropped loop's Task is still busy: " + t
                    + " " + java.util.Arrays.toString(t.getStackTrace()));
        }
        while (cleanups.size() < LOOPS && System.nanoTime() < deadline) {
            Thread.sleep(10); // the cleanup runs on a thread of its own once the loop was collected
        }
        assertEquals(LOOPS, cleanups.size(), "the pending bodies' finally blocks ran");
        long destroyed = 0;
        for (ExceptionContext ctx : List.copyOf(reports)) {
            if (ctx.message().startsWith("Task was destroyed but it is pending!")) {
                destroyed++;
                assertNull(ctx.exception());
            }
        }
        assertEquals(LOOPS, destroyed, reports.toString());
    }
}
