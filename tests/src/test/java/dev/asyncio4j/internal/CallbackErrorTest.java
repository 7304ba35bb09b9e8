package dev.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.kotlin.internal.LoopTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link VirtualMachineError} thrown by one done-callback escapes the loop (as CPython lets SystemExit escape),
 * but the Future's other callbacks are not lost: they run when the loop runs again (issue 11, defect 5).
 */
class CallbackErrorTest {
    @Test
    void aVirtualMachineErrorInOneCallbackKeepsTheOthers() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            List<String> ran = new ArrayList<>();
            Future<Integer> f = loop.createFuture();
            f.addDoneCallback(x -> ran.add("first"));
            f.addDoneCallback(x -> {
                throw new StackOverflowError("injected");
            });
            f.addDoneCallback(x -> ran.add("third"));
            f.addDoneCallback(x -> ran.add("fourth"));
            f.setResult(1);
            StackOverflowError e = assertThrows(StackOverflowError.class, () -> LoopTesting.runOnce(loop));
            assertEquals("injected", e.getMessage());
            assertEquals(List.of("first"), ran);
            LoopTesting.runBriefly(loop);
            assertEquals(List.of("first", "third", "fourth"), ran);
        } finally {
            loop.close();
        }
    }

    @Test
    void aTaskAwaitingTheFutureStillWakesAndAsyncioRunEnds() {
        StackOverflowError e = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThrows(StackOverflowError.class, () -> Asyncio.run(() -> {
                    Future<Integer> f = Asyncio.getRunningLoop().createFuture();
                    f.addDoneCallback(x -> {
                        throw new StackOverflowError("injected");
                    });
                    Task<Integer> waiter = Asyncio.createTask(() -> Asyncio.await(f));
                    Asyncio.await(Asyncio.sleep(0)); // the waiter now waits on f, behind the failing callback
                    f.setResult(1);
                    return Asyncio.await(waiter);
                })));
        assertEquals("injected", e.getMessage());
    }
}
