package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link VirtualMachineError} a Task's body throws and the Task stores as its exception still ends the run that
 * waits for that Task, and the run throws it (CPython lets SystemExit and KeyboardInterrupt escape the loop).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualMachineErrorTest {
    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aStackOverflowInAJavaTaskEndsRunUntilComplete() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Task<Integer> task = loop.createTask(() -> recurse(0));
            assertThrows(StackOverflowError.class, () -> loop.runUntilComplete(task));
            assertTrue(task.isDone());
            assertFalse(loop.isRunning());
            // the loop still works afterwards
            assertSame("again", loop.runUntilComplete(() -> "again"));
        } finally {
            loop.close();
        }
    }

    @Test
    void aStackOverflowAfterAnAwaitEndsAsyncioRun() {
        assertThrows(StackOverflowError.class, () -> Asyncio.run(() -> {
            Asyncio.await(Asyncio.sleep(0.01));
            return recurse(0);
        }));
    }

    @Test
    void anOutOfMemoryErrorInAJavaTaskEndsAsyncioRun() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space (thrown by the test)");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Asyncio.run(() -> {
            Asyncio.await(Asyncio.sleep(0));
            throw oom;
        })));
    }

    @Test
    void anOutOfMemoryErrorInAnAwaitedTaskEndsTheRunOfTheTaskThatAwaitsIt() {
        OutOfMemoryError oom = new OutOfMemoryError("thrown by the test");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Asyncio.run(() -> {
            Task<Object> child = Asyncio.createTask(() -> {
                throw oom;
            });
            return Asyncio.await(child);
        })));
    }
}
