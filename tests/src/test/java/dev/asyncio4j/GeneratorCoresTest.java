package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.internal.HandOffSpin;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The paths issue 12 added to Java generators, on each core: the thread core with spinning (two CPUs assumed) and
 * without (one CPU assumed: no spin, every wait parks), and the core {@link Generator#of} picks (a continuation on
 * JDK 21+ in this module, which runs with the opt-in). Interrupts while a side waits, close()/throw() from platform
 * and virtual callers, errors escaping the body (StackOverflowError too), abandonment right after a hand-off, and
 * the spin policy itself (driven by counts, never by time).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeneratorCoresTest {
    /** The cores under test, by name. */
    private static List<Function<Generator.Body<Object, Object>, Generator<Object, Object>>> cores() {
        List<Function<Generator.Body<Object, Object>, Generator<Object, Object>>> cores = new ArrayList<>();
        cores.add(Generator::of);
        cores.add(b -> new Generator<>(new ThreadGeneratorCore<>(b, 2)));
        cores.add(b -> new Generator<>(new ThreadGeneratorCore<>(b, 1)));
        return cores;
    }

    /** Runs {@code action} on a new thread of the given kind and rethrows what it threw. */
    private static void onThread(boolean virtual, Runnable action) throws InterruptedException {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (Throwable t) {
                failed.set(t);
            }
        };
        Thread t = virtual ? VirtualThreads.newThread("gen-test-caller", guarded) : new Thread(guarded, "gen-test-caller");
        t.start();
        t.join();
        if (failed.get() != null) {
            throw new AssertionError("failed on a " + (virtual ? "virtual" : "platform") + " caller", failed.get());
        }
    }

    private static List<Boolean> threadKinds() {
        return VirtualThreads.available() ? List.of(false, true) : List.of(false);
    }

    @Test
    void oneCpuNeverSpinsAndTwoSpinWithBackOff() {
        HandOffSpin one = new HandOffSpin(1);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, one.nextLimit());
            one.spun(false);
        }
        HandOffSpin two = new HandOffSpin(2);
        assertEquals(HandOffSpin.MAX_NANOS, two.nextLimit());
        two.spun(false); // missed: the next wait parks at once, then one probes
        assertEquals(0, two.nextLimit());
        assertEquals(HandOffSpin.MAX_NANOS, two.nextLimit());
        two.spun(false); // missed again: two waits park at once
        assertEquals(0, two.nextLimit());
        assertEquals(0, two.nextLimit());
        assertEquals(HandOffSpin.MAX_NANOS, two.nextLimit());
        two.spun(true); // answered: spin every time again
        assertEquals(HandOffSpin.MAX_NANOS, two.nextLimit());
        two.spun(true);
        assertEquals(HandOffSpin.MAX_NANOS, two.nextLimit());
        for (int i = 0; i < 20; i++) {
            two.spun(false);
        }
        int parkedAtOnce = 0;
        while (two.nextLimit() == 0) {
            parkedAtOnce++;
        }
        assertEquals(HandOffSpin.MAX_BACKOFF_WAITS, parkedAtOnce);
    }

    @Test
    void everyCorePingPongsAndEndsCleanly() {
        for (var core : cores()) {
            Generator<Object, Object> g = core.apply(y -> {
                long sum = 0;
                Object m = y.yield(sum);
                while (m != null) {
                    sum += (Integer) m;
                    m = y.yield(sum);
                }
            });
            g.send(null);
            long expected = 0;
            for (int i = 0; i < 5_000; i++) {
                expected += i;
                assertEquals(expected, g.send(i));
            }
            assertThrows(StopIteration.class, () -> g.send(null));
            assertEquals(GeneratorState.CLOSED, g.state());
        }
    }

    @Test
    void theCallerInterruptedWhileItWaitsForTheBodyGetsTheValueAndKeepsTheFlag() {
        for (var core : cores()) {
            Thread caller = Thread.currentThread();
            Generator<Object, Object> g = core.apply(y -> {
                y.yield("ready");
                if (Thread.currentThread() == caller) {
                    // A continuation core: the body runs on the caller's thread, which therefore never waits.
                    caller.interrupt();
                } else {
                    // The caller is spinning or parked, waiting for this yield: interrupt it meanwhile.
                    CountDownLatch interrupted = new CountDownLatch(1);
                    new Thread(() -> {
                        caller.interrupt();
                        interrupted.countDown();
                    }).start();
                    interrupted.await();
                }
                y.yield("answered");
            });
            assertEquals("ready", g.next());
            assertEquals("answered", g.next());
            assertTrue(Thread.interrupted(), "the interrupt that came while the body ran was lost");
            g.close();
        }
    }

    @Test
    void aBodyWaitingWithItsInterruptFlagSetKeepsWaitingAndKeepsTheFlag() {
        for (int c = 0; c < cores().size(); c++) {
            var core = cores().get(c);
            Generator<Object, Object> g = core.apply(y -> {
                Thread.currentThread().interrupt();
                Object sent = y.yield("interrupted myself");
                while (sent != null) {
                    sent = y.yield(Thread.currentThread().isInterrupted());
                }
            });
            assertEquals("interrupted myself", g.next());
            boolean sameThread = Thread.interrupted(); // a continuation body set the caller's own flag
            assertEquals(c == 0 && GeneratorContinuations.AVAILABLE, sameThread);
            for (int i = 0; i < 200; i++) {
                // On its own thread the body waited for each send with its flag set, which survives every wait.
                assertEquals(!sameThread, g.send(i + 1));
            }
            g.close();
            assertFalse(Thread.interrupted(), "the body's own flag leaked to its caller");
        }
    }

    @Test
    void closeAndThrowIntoFromPlatformAndVirtualCallers() throws InterruptedException {
        for (var core : cores()) {
            for (boolean virtual : threadKinds()) {
                onThread(virtual, () -> {
                    List<String> log = new ArrayList<>();
                    Generator<Object, Object> g = core.apply(y -> {
                        try {
                            while (true) {
                                try {
                                    y.yield("waiting");
                                } catch (IllegalArgumentException caught) {
                                    log.add("caught " + caught.getMessage());
                                }
                            }
                        } finally {
                            log.add("finally");
                        }
                    });
                    assertEquals("waiting", g.next());
                    assertEquals("waiting", g.throwInto(new IllegalArgumentException("boom")));
                    g.close();
                    assertEquals(List.of("caught boom", "finally"), log);
                    assertEquals(GeneratorState.CLOSED, g.state());
                    IllegalStateException thrown = new IllegalStateException("after");
                    assertSame(thrown, assertThrows(IllegalStateException.class, () -> g.throwInto(thrown)));
                });
            }
        }
    }

    @Test
    void aGeneratorStartedOnOneThreadCanBeDrivenFromAnother() throws InterruptedException {
        for (var core : cores()) {
            Generator<Object, Object> g = core.apply(y -> {
                Object sent = y.yield(0);
                while (sent != null) {
                    sent = y.yield(sent);
                }
            });
            onThread(false, () -> assertEquals(0, g.next()));
            for (boolean virtual : threadKinds()) {
                onThread(virtual, () -> assertEquals("x", g.send("x")));
            }
            assertEquals("y", g.send("y"));
            g.close();
        }
    }

    private static int recurse(int depth) {
        return depth == Integer.MAX_VALUE ? depth : recurse(depth + 1) + 1;
    }

    @Test
    void aStackOverflowErrorInTheBodyComesOutOfSendAndClosesIt() {
        for (var core : cores()) {
            Generator<Object, Object> g = core.apply(y -> {
                y.yield("before");
                y.yield(recurse(0));
            });
            assertEquals("before", g.next());
            assertThrows(StackOverflowError.class, g::next);
            assertEquals(GeneratorState.CLOSED, g.state());
            assertThrows(StopIteration.class, g::next);
        }
    }

    @Test
    void errorsAndCheckedExceptionsComeOutAsTheyAre() {
        for (var core : cores()) {
            OutOfMemoryError oom = new OutOfMemoryError("pretend");
            Generator<Object, Object> g = core.apply(y -> {
                y.yield(1);
                throw oom;
            });
            g.next();
            assertSame(oom, assertThrows(OutOfMemoryError.class, g::next));
            Exception checked = new java.io.IOException("io");
            Generator<Object, Object> h = core.apply(y -> {
                throw checked;
            });
            Throwable out = assertThrows(Throwable.class, h::next);
            assertSame(checked, out);
        }
    }

    @Test
    void aGeneratorAbandonedRightAfterAHandOffGetsGeneratorExit() throws InterruptedException {
        for (var core : cores()) {
            AtomicBoolean cleanedUp = new AtomicBoolean();
            WeakReference<Generator<Object, Object>> ref = abandonAfterManySends(core, cleanedUp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((ref.get() != null || !cleanedUp.get()) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            assertTrue(cleanedUp.get(), "an abandoned generator's body never got GeneratorExit");
        }
    }

    private static WeakReference<Generator<Object, Object>> abandonAfterManySends(
            Function<Generator.Body<Object, Object>, Generator<Object, Object>> core, AtomicBoolean cleanedUp) {
        Generator<Object, Object> g = core.apply(y -> {
            try {
                while (true) {
                    y.yield(1);
                }
            } catch (GeneratorExit exit) {
                cleanedUp.set(true);
                throw exit;
            }
        });
        for (int i = 0; i < 1_000; i++) {
            g.next();
        }
        return new WeakReference<>(g);
    }

    @Test
    void continuationsOnlyWithTheOptInOnJdk21Plus() {
        // This module's tests run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED (tests/pom.xml).
        assertEquals(Runtime.version().feature() >= 21, GeneratorContinuations.AVAILABLE);
        Generator<Object, Object> g = Generator.of(y -> y.yield(Thread.currentThread()));
        assertEquals(GeneratorContinuations.AVAILABLE, g.next() == Thread.currentThread());
        g.close();
        Generator<Object, Object> t = Generator.onThread(y -> y.yield(Thread.currentThread()));
        assertFalse(t.next() == Thread.currentThread());
        t.close();
    }
}
