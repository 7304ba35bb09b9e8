package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is particular to generators that run as JDK continuations on their caller's thread (JDK 21+ with the opt-in
 * this module runs with): generators nested in generators, a foreign yielder, a yield the JDK cannot suspend, and a
 * body that blocks its (virtual) caller. Each case also runs on the thread core, where it must behave as before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ContinuationGeneratorCoreTest {

    /** Both cores: the one {@link Generator#of} picks, and the thread core. */
    private interface Maker {
        Generator<Object, Object> make(Generator.Body<Object, Object> body);
    }

    private static List<Maker> makers() {
        return List.of(Generator::of, Generator::onThread);
    }

    @Test
    void nestedGeneratorsEachYieldToTheirOwnCaller() {
        for (Maker outerCore : makers()) {
            for (Maker innerCore : makers()) {
                Generator<Object, Object> inner = innerCore.make(y -> {
                    Object sent = y.yield("inner 0");
                    int i = 1;
                    while (sent != null) {
                        sent = y.yield("inner " + i++ + " got " + sent);
                    }
                });
                Generator<Object, Object> outer = outerCore.make(y -> {
                    Object first = inner.next();
                    Object sent = y.yield("outer saw " + first);
                    while (sent != null) {
                        Object fromInner = inner.send(sent);
                        sent = y.yield("outer saw " + fromInner);
                    }
                    inner.close();
                });
                assertEquals("outer saw inner 0", outer.next());
                assertEquals("outer saw inner 1 got a", outer.send("a"));
                assertEquals("outer saw inner 2 got b", outer.send("b"));
                assertThrows(StopIteration.class, () -> outer.send(null));
                assertEquals(GeneratorState.CLOSED, inner.state());
            }
        }
    }

    @Test
    void yieldingAnotherGeneratorsYielderFromABodyIsAnError() {
        for (Maker core : makers()) {
            AtomicReference<Generator.Yielder<Object, Object>> leaked = new AtomicReference<>();
            Generator<Object, Object> first = core.make(y -> {
                leaked.set(y);
                y.yield(1);
            });
            first.next();
            Generator<Object, Object> second = core.make(y -> {
                try {
                    leaked.get().yield("not mine");
                } catch (IllegalStateException expected) {
                    y.yield("refused: " + expected.getMessage().startsWith("yield() called outside"));
                }
            });
            assertEquals("refused: true", second.next());
            assertEquals(GeneratorState.SUSPENDED, first.state());
            assertEquals(GeneratorState.SUSPENDED, second.state());
            first.close();
            second.close();
        }
    }

    @Test
    void aYieldInsideSynchronizedPausesExceptOnAPinnedContinuation() {
        for (Maker core : makers()) {
            Object lock = new Object();
            Generator<Object, Object> g = core.make(y -> {
                y.yield("outside");
                synchronized (lock) {
                    y.yield("inside");
                }
            });
            assertEquals("outside", g.next());
            // JDK 24+ suspends a continuation that holds a monitor (JEP 491's freezing of monitors); JDK 21-23
            // pin it, and the yield fails instead of pausing.
            boolean pinned = core != makers().get(1) && GeneratorContinuations.AVAILABLE
                    && Runtime.version().feature() < 24;
            if (pinned) {
                IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
                assertTrue(e.getMessage().contains("synchronized"), e.getMessage());
                assertEquals(GeneratorState.CLOSED, g.state());
            } else {
                assertEquals("inside", g.next());
                g.close();
            }
        }
    }

    @Test
    void aBodyMayBlockItsCallerThreadOfEitherKind() throws InterruptedException {
        List<Boolean> kinds = new ArrayList<>(List.of(false));
        if (VirtualThreads.available()) {
            kinds.add(true);
        }
        for (Maker core : makers()) {
            for (boolean virtual : kinds) {
                AtomicReference<Throwable> failed = new AtomicReference<>();
                CountDownLatch go = new CountDownLatch(1);
                Runnable caller = () -> {
                    try {
                        Generator<Object, Object> g = core.make(y -> {
                            Thread.sleep(1);
                            Object sent = y.yield("slept");
                            go.await(); // parks (a virtual caller unmounts, continuation and all)
                            y.yield("released " + sent);
                        });
                        assertEquals("slept", g.next());
                        Thread releaser = new Thread(go::countDown);
                        releaser.start();
                        assertEquals("released x", g.send("x"));
                        releaser.join();
                        g.close();
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                };
                Thread t = virtual ? VirtualThreads.newThread("gen-blocking-caller", caller) : new Thread(caller);
                t.start();
                t.join();
                if (failed.get() != null) {
                    throw new AssertionError((virtual ? "virtual" : "platform") + " caller", failed.get());
                }
            }
        }
    }
}
