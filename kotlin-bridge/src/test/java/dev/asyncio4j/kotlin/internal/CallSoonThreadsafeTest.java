package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CPython's test_call_soon_threadsafe cases (test_events), plus cancelling and waking. */
class CallSoonThreadsafeTest {
    private EventLoop loop;
    private final List<String> results = new ArrayList<>();

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private Runnable callback(String arg) {
        return () -> {
            results.add(arg);
            if (results.size() >= 2) {
                loop.stop();
            }
        };
    }

    @Test
    void callSoonThreadsafe() throws Exception {
        CountDownLatch posted = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            loop.callSoonThreadsafe(callback("hello"));
            posted.countDown();
        });
        t.start();
        assertEquals(true, posted.await(5, TimeUnit.SECONDS));
        loop.callSoon(callback("world"));
        loop.runForever();
        t.join();
        assertEquals(List.of("hello", "world"), results);
    }

    @Test
    void callSoonThreadsafeSameThread() {
        loop.callSoonThreadsafe(callback("hello"));
        loop.callSoon(callback("world"));
        loop.runForever();
        assertEquals(List.of("hello", "world"), results);
    }

    @Test
    void aCancelledHandleDoesNotRun() {
        AtomicInteger ran = new AtomicInteger();
        Handle h = loop.callSoonThreadsafe(ran::incrementAndGet);
        h.cancel();
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(0, ran.get());
    }

    @Test
    void itWakesALoopWaitingForAFarTimer() throws Exception {
        List<String> log = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.callSoonThreadsafe(() -> {
                log.add("woken");
                loop.stop();
            });
        });
        loop.callLater(3600, () -> log.add("far timer"));
        double start = loop.time();
        t.start();
        loop.runForever();
        t.join();
        assertEquals(List.of("woken"), log);
        assertEquals(true, loop.time() - start < 60);
    }

    @Test
    void aClosedLoopRefusesAndNullIsRejected() {
        assertThrows(NullPointerException.class, () -> loop.callSoonThreadsafe(null));
        EventLoop closed = Asyncio.newEventLoop();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.callSoonThreadsafe(() -> { }));
    }
}
