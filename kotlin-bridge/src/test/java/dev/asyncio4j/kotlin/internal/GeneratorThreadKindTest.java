package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Generator;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A generator's body runs on a thread of the kind of the thread that first resumes it (issue 12): a platform caller
 * hands off best to a platform thread, a Java Task's virtual body thread to a virtual one. And a set interrupt flag
 * does not stop the ping-pong (each side clears it while it waits and restores it after).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorThreadKindTest {
    /** A generator that yields whether its body runs on a virtual thread, then echoes what it is sent. */
    private static Generator<Object, Object> probe() {
        return Generator.of(g -> {
            Object sent = g.yield(VirtualThreads.isVirtual(Thread.currentThread()));
            while (sent != null) {
                sent = g.yield(sent);
            }
        });
    }

    @Test
    void aPlatformCallerGetsAPlatformGeneratorThread() {
        Generator<Object, Object> g = probe();
        assertEquals(false, g.next());
        g.close();
    }

    @Test
    void aJavaTaskOnVirtualThreadsGetsAVirtualGeneratorThread() {
        boolean bodyVirtual = Asyncio.run(() -> VirtualThreads.isVirtual(Thread.currentThread()));
        Object generatorVirtual = Asyncio.run(() -> {
            Generator<Object, Object> g = probe();
            Object v = g.next();
            g.close();
            return v;
        });
        assertEquals(bodyVirtual, generatorVirtual);
    }

    @Test
    void sendsWithTheInterruptFlagSetStillAlternateAndTheFlagSurvives() {
        Generator<Object, Object> g = probe();
        g.next();
        Thread.currentThread().interrupt();
        try {
            for (int i = 1; i <= 1_000; i++) {
                assertEquals(i, g.send(i));
            }
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
            g.close();
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
