package dev.asyncio4j.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class LoopExecutorTest {
    @Test
    void completableFutureStagesRunOnTheLoopInOrder() {
        List<String> log = new ArrayList<>();
        String result = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            LoopExecutor executor = LoopExecutor.of(loop);
            assertSame(loop, executor.loop());
            CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "from a pool")
                    .thenApplyAsync(s -> {
                        // back on the loop: its non-thread-safe API may be used directly
                        assertSame(loop, Asyncio.getRunningLoop());
                        loop.callSoon(() -> log.add("callSoon from the stage"));
                        log.add("stage");
                        return s + ", then on the loop";
                    }, executor);
            String r = Asyncio.await(Asyncio.wrapFuture(cf));
            Asyncio.await(Asyncio.sleep(0));
            return r;
        });
        assertEquals("from a pool, then on the loop", result);
        assertEquals(List.of("stage", "callSoon from the stage"), log);
    }

    @Test
    void tasksRunFifoWithCallSoon() {
        List<Integer> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            LoopExecutor executor = LoopExecutor.of(loop);
            executor.execute(() -> log.add(1));
            loop.callSoon(() -> log.add(2));
            executor.execute(() -> log.add(3));
            loop.runUntilComplete(loop.createTask(() -> null));
        } finally {
            loop.close();
        }
        assertEquals(List.of(1, 2, 3), log);
    }

    @Test
    void aClosedLoopRejects() {
        EventLoop loop = Asyncio.newEventLoop();
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> LoopExecutor.of(loop).execute(() -> { }));
        assertThrows(NullPointerException.class, () -> LoopExecutor.of(null));
    }
}
