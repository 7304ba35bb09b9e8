package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A coroutine thread that cannot start ("unable to create native thread" under a thread limit) fails its Task with
 * the error, and the loop keeps working (issue 11: the loop's owner pointed at the thread that never ran).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BodyThreadStartFailureTest {
    private final OutOfMemoryError refused =
            new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
    private ThreadFactory original;
    private final AtomicInteger created = new AtomicInteger();

    @BeforeEach
    void saveFactory() {
        original = BodyThreads.getThreadFactory();
        LoopTesting.assumeBodiesOnThreads(); // a continuation needs no thread
        BodyThreads.retireIdle(); // JDK 17 would reuse an idle thread instead of asking the factory
    }

    @AfterEach
    void restoreFactory() {
        BodyThreads.setThreadFactory(original);
    }

    /** Threads from the real factory, except the {@code nth} (1-based), which refuses to start. */
    private void refuseThread(int nth) {
        BodyThreads.setThreadFactory(r -> {
            if (created.incrementAndGet() != nth) {
                return original.newThread(r);
            }
            return new Thread(r, "never-started") {
                @Override
                public synchronized void start() {
                    throw refused;
                }
            };
        });
    }

    @Test
    void theTaskFailsWithTheErrorAndTheLoopRunsOn() {
        refuseThread(1);
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Task<String> task = loop.createTask(() -> "never runs");
            assertSame(refused, assertThrows(OutOfMemoryError.class, () -> loop.runUntilComplete(task)));
            assertTrue(task.isDone());
            assertSame(refused, task.exception());
            assertFalse(loop.isRunning());
            assertEquals("works", loop.runUntilComplete(() -> {
                Asyncio.await(Asyncio.sleep(0));
                return "works";
            }));
        } finally {
            loop.close();
        }
    }

    @Test
    void aBodyAwaitingTheFailedTaskSeesTheErrorAndAsyncioRunReturns() {
        refuseThread(2);
        String outcome = Asyncio.run(() -> {
            Task<String> child = Asyncio.createTask(() -> "never runs");
            String seen;
            try {
                Asyncio.await(child);
                seen = "no error";
            } catch (OutOfMemoryError e) {
                seen = e == refused ? "the child failed with the thread's error" : "another error: " + e;
            }
            // the loop still works, and its own thread may still stop it (Asyncio.run stops it at the end)
            return seen + ", then " + Asyncio.await(Asyncio.createTask(() -> "a third task ran"));
        });
        assertEquals("the child failed with the thread's error, then a third task ran", outcome);
    }
}
