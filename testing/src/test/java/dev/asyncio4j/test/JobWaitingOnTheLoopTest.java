package dev.asyncio4j.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.TimeoutError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An executor job that blocks on {@code runCoroutineThreadsafe(...)} of a coroutine sleeping on the TestLoop: the loop
 * waits for outside work, so before the fix the loop waited for the job and the job for the loop's clock, until the
 * wall-clock guard failed the test. A job blocked on the loop is not outside work while it blocks; it is again from
 * the moment the loop completes its future, so nothing jumps past the rest of the job.
 */
class JobWaitingOnTheLoopTest {
    /** The coroutine the job waits for: a virtual sleep. */
    private static CompletableFuture<String> sleeper(EventLoop loop, double seconds) {
        return Asyncio.runCoroutineThreadsafe(() -> {
            Asyncio.await(Asyncio.sleep(seconds));
            return "woke at " + Asyncio.getRunningLoop().time();
        }, loop);
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aJobBlockedOnGetLetsTheClockJump(TestLoop loop) throws Exception {
        String result = Asyncio.await(loop.runInExecutor(null, () -> sleeper(loop, 10).get()));
        assertEquals("woke at 10.0", result);
        assertEquals(10.0, loop.time());
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aJobBlockedOnJoinOrATimedGetToo(TestLoop loop) throws Exception {
        assertEquals("woke at 3600.0", Asyncio.await(Asyncio.toThread(() -> sleeper(loop, 3600).join())));
        // A real-time bound on the job's wait is no virtual one: an hour of loop time passes in no real time.
        assertEquals("woke at 7200.0",
                Asyncio.await(Asyncio.toThread(() -> sleeper(loop, 3600).get(20, TimeUnit.SECONDS))));
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aJobCancelledWhileItWaitsOnTheLoopIsCountedOnce(TestLoop loop) throws Exception {
        CompletableFuture<String> never = Asyncio.runCoroutineThreadsafe(() -> {
            Asyncio.await(loop.createFuture());
            return "never";
        }, loop);
        // While the job waits on the loop, the loop is free: it jumps to the 5 s timeout, which cancels the job's
        // Future. The job then stops waiting (its coroutine is cancelled below) and ends; it must end its count once
        // only (it ended it twice, and the loop's exception handler saw "OutsideWork.end() without begin()"). The
        // job's own wait is long (20 s real): a short one raced the loop's jump under load.
        CountDownLatch jobOver = new CountDownLatch(1);
        assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(Asyncio.toThread(() -> {
            try {
                return never.get(20, TimeUnit.SECONDS);
            } finally {
                jobOver.countDown();
            }
        }), 5.0)));
        assertEquals(5.0, loop.time());
        never.cancel(false);
        assertTrue(Asyncio.await(Asyncio.toThread(() -> jobOver.await(20, TimeUnit.SECONDS))), "the job ended");
        // The count is right: the next job is waited for, not jumped over.
        assertEquals("next", Asyncio.await(Asyncio.waitFor(Asyncio.toThread(() -> {
            Thread.sleep(50);
            return "next";
        }), 5.0)));
        assertEquals(5.0, loop.time());
    }

    @AsyncioTest(timeoutSeconds = 30)
    void theJobCountsAgainFromTheMomentItsCoroutineEnds(TestLoop loop) throws Exception {
        // After get() returns, the job works on for a real 50 ms: the loop must wait for it, not jump to the
        // timeout 5 s later (it would if the job counted again only when it leaves get()).
        String result = Asyncio.await(Asyncio.waitFor(Asyncio.toThread(() -> {
            String woke = sleeper(loop, 1).get();
            Thread.sleep(50);
            return woke;
        }), 5.0));
        assertEquals("woke at 1.0", result);
        assertEquals(1.0, loop.time());
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aJobOfAnotherLoopStillCounts(TestLoop loop) throws Exception {
        // Blocking on a future of its own loop pauses a job; a future a test thread made does not.
        CompletableFuture<String> plain = new CompletableFuture<>();
        Thread completer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            plain.complete("plain");
        });
        completer.start();
        assertEquals("plain", Asyncio.await(Asyncio.waitFor(Asyncio.toThread(plain::get), 5.0)));
        completer.join();
        assertEquals(0.0, loop.time());
        assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(loop.createFuture(), 5.0)));
        assertEquals(5.0, loop.time());
    }
}
