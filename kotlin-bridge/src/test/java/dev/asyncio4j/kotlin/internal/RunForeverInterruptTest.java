package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thread interrupted while it runs a loop gets its interrupt back when {@code runForever} returns, on every JDK
 * (issue 11: JDK 17's loop, running on the caller's own thread, cleared it while waiting for events).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunForeverInterruptTest {
    @Test
    void anInterruptWhileTheLoopWaitsForEventsIsKept() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Thread caller = Thread.currentThread();
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            Thread helper = new Thread(() -> {
                try {
                    running.await();
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
                // the loop waits for this timer after the interrupt arrived
                loop.callSoonThreadsafe(() -> loop.callLater(0.05, loop::stop));
            });
            helper.start();
            loop.runForever();
            helper.join();
            assertTrue(Thread.interrupted(), "runForever() returned without the caller's interrupt");
        } finally {
            Thread.interrupted();
            loop.close();
        }
    }

    @Test
    void anInterruptDuringRunUntilCompleteIsKept() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Thread caller = Thread.currentThread();
            loop.runUntilComplete(() -> {
                caller.interrupt();
                Asyncio.await(Asyncio.sleep(0.05));
                return null;
            });
            assertTrue(Thread.interrupted(), "runUntilComplete() returned without the caller's interrupt");
        } finally {
            Thread.interrupted();
            loop.close();
        }
    }
}
