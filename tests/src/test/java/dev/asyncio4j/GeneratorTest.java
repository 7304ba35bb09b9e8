package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Generator;
import dev.asyncio4j.GeneratorExit;
import dev.asyncio4j.GeneratorState;
import dev.asyncio4j.StopIteration;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python's generator protocol on {@link Generator}, and the tutorials' generator programs, on the core
 * {@link Generator#of} picks (a continuation on JDK 21+, where this module's tests run with the opt-in; a thread of
 * its own on JDK 17); {@link GeneratorOnThreadTest} runs the same cases on the thread core everywhere.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GeneratorTest {
    /**
     * The generator under test.
     *
     * @param body its body
     * @return a new generator
     */
    <Y, S> Generator<Y, S> gen(Generator.Body<Y, S> body) {
        return Generator.of(body);
    }

    /** {@code def my_generator(max): n = 0; while n < max: m = yield n; n += m}. */
    private Generator<Integer, Integer> adder(int max) {
        return gen(g -> {
            int n = 0;
            while (n < max) {
                Integer m = g.yield(n);
                n += m;
            }
        });
    }

    @Test
    void tutorialSendAccumulates() {
        Generator<Integer, Integer> g = adder(10);
        assertEquals(GeneratorState.CREATED, g.state());
        assertEquals(0, g.next());
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(4, g.send(4));
        assertEquals(8, g.send(4));
        assertThrows(StopIteration.class, () -> g.send(8));
        assertEquals(GeneratorState.CLOSED, g.state());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void tutorialYieldPausesWhereItIs() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void> g = gen(y -> {
            int n = 0;
            while (n <= 10) {
                log.add("before yield");
                y.yield(n);
                log.add("after yield");
                n++;
            }
        });
        assertEquals(0, g.next());
        assertEquals(List.of("before yield"), log);
        assertEquals(1, g.next());
        assertEquals(List.of("before yield", "after yield", "before yield"), log);
    }

    @Test
    void tutorialCloseThenSendIsStopIteration() {
        Generator<Integer, Integer> g = gen(y -> {
            int n = 0;
            while (n < 100) {
                n = y.yield(n);
            }
        });
        assertEquals(0, g.send(null));
        assertEquals(4, g.send(4));
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        assertThrows(StopIteration.class, () -> g.send(8));
    }

    @Test
    void tutorialThrowIsCaughtByTheBody() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Integer> g = gen(y -> {
            try {
                int n = 0;
                while (n < 100) {
                    n = y.yield(n);
                }
            } catch (IllegalArgumentException e) {
                log.add("ValueError");
            }
        });
        assertEquals(0, g.send(null));
        assertEquals(4, g.send(4));
        assertThrows(StopIteration.class, () -> g.throwInto(new IllegalArgumentException()));
        assertEquals(List.of("ValueError"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void tutorialProducerFeedsTwoConsumers() {
        List<String> log = new ArrayList<>();
        Generator<Void, Integer> con1 = consumerOf("A", log);
        Generator<Void, Integer> con2 = consumerOf("B", log);
        con1.send(null);
        con2.send(null);
        for (int n = 1; n <= 5; n++) {
            log.add("producer " + n);
            con1.send(n);
            con2.send(n);
        }
        assertEquals("consumer A start", log.get(0));
        assertEquals("consumer B start", log.get(2));
        assertEquals(List.of("producer 1", "A eats 1", "[consumer] A", "B eats 1", "[consumer] B"),
                log.subList(4, 9));
        assertEquals(4 + 5 * 5, log.size());
        assertEquals(GeneratorState.SUSPENDED, con1.state());
        con1.close();
        con2.close();
        assertEquals(GeneratorState.CLOSED, con2.state());
    }

    private Generator<Void, Integer> consumerOf(String name, List<String> log) {
        return gen(g -> {
            log.add("consumer " + name + " start");
            while (true) {
                log.add("[consumer] " + name);
                Integer bone = g.yield(null);
                log.add(name + " eats " + bone);
            }
        });
    }

    @Test
    void tutorialSquaresConsumer() {
        Generator<Long, Object> consumer = gen(g -> {
            long n = 0;
            while (true) {
                Object m = g.yield(n);
                if (!(m instanceof Integer)) {
                    return;
                }
                int i = (Integer) m;
                n += (long) i * i;
            }
        });
        consumer.send(null);
        long res = 0;
        for (int i = 0; i < 1000; i++) {
            res = consumer.send(i);
        }
        consumer.close();
        assertEquals(332833500L, res);
        assertEquals(GeneratorState.CLOSED, consumer.state());
    }

    @Test
    void firstSendMustBeNull() {
        Generator<Integer, Integer> g = adder(10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.send(1));
        assertTrue(e.getMessage().contains("just-started"));
        assertEquals(GeneratorState.CREATED, g.state());
        assertEquals(0, g.send(null));
    }

    @Test
    void closeRaisesGeneratorExitAtTheYieldAndRunsCleanup() {
        List<String> log = new ArrayList<>();
        Generator<Integer, Void> g = gen(y -> {
            try {
                y.yield(1);
                log.add("not reached");
            } catch (GeneratorExit e) {
                log.add("GeneratorExit");
                throw e;
            } finally {
                log.add("finally");
            }
        });
        g.next();
        g.close();
        assertEquals(List.of("GeneratorExit", "finally"), log);
        assertEquals(GeneratorState.CLOSED, g.state());
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void closeOfBodyThatReturnsIsFine() {
        Generator<Integer, Void> g = gen(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                return;
            }
        });
        g.next();
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void yieldingWhileClosingIsAnError() {
        Generator<Integer, Void> g = gen(y -> {
            while (true) {
                try {
                    y.yield(1);
                } catch (GeneratorExit ignored) {
                    // a body that refuses to end
                }
            }
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertTrue(e.getMessage().contains("ignored GeneratorExit"));
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void closeOnUnstartedOrFinishedIsANoOp() {
        AtomicBoolean ran = new AtomicBoolean();
        Generator<Integer, Void> unstarted = gen(y -> ran.set(true));
        unstarted.close();
        assertEquals(GeneratorState.CLOSED, unstarted.state());
        assertFalse(ran.get());
        assertThrows(StopIteration.class, unstarted::next);

        Generator<Integer, Void> finished = gen(y -> { });
        assertThrows(StopIteration.class, finished::next);
        finished.close();
        assertEquals(GeneratorState.CLOSED, finished.state());
    }

    @Test
    @SuppressWarnings("finally") // the body's finally throws on purpose
    void closeRethrowsOtherExceptionsFromTheBody() {
        Generator<Integer, Void> g = gen(y -> {
            try {
                y.yield(1);
            } finally {
                throw new IllegalArgumentException("cleanup failed");
            }
        });
        g.next();
        assertThrows(IllegalArgumentException.class, g::close);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void throwIntoSuspendedCanBeCaughtAndYieldAgain() {
        Generator<String, Void> g = gen(y -> {
            try {
                y.yield("first");
            } catch (IllegalStateException e) {
                y.yield("caught " + e.getMessage());
            }
        });
        assertEquals("first", g.next());
        assertEquals("caught boom", g.throwInto(new IllegalStateException("boom")));
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void throwIntoUncaughtPropagatesAndCloses() {
        Generator<String, Void> g = gen(y -> y.yield("first"));
        g.next();
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> g.throwInto(boom)));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void throwIntoFinishedOrUnstartedRethrowsTheArgument() {
        Generator<String, Void> finished = gen(y -> { });
        assertThrows(StopIteration.class, finished::next);
        RuntimeException e = new RuntimeException("x");
        assertSame(e, assertThrows(RuntimeException.class, () -> finished.throwInto(e)));

        AtomicBoolean ran = new AtomicBoolean();
        Generator<String, Void> unstarted = gen(y -> ran.set(true));
        assertSame(e, assertThrows(RuntimeException.class, () -> unstarted.throwInto(e)));
        assertEquals(GeneratorState.CLOSED, unstarted.state());
        assertFalse(ran.get());

        IOException checked = new IOException("checked");
        Exception thrown = assertThrows(Exception.class, () -> finished.throwInto(checked));
        assertSame(checked, thrown);
    }

    @Test
    void reenteringARunningGeneratorIsAnError() {
        AtomicReference<Generator<Integer, Void>> self = new AtomicReference<>();
        List<Throwable> errors = new ArrayList<>();
        Generator<Integer, Void> g = gen(y -> {
            assertEquals(GeneratorState.RUNNING, self.get().state());
            try {
                self.get().next();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
            try {
                self.get().close();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
            try {
                self.get().throwInto(new RuntimeException());
            } catch (IllegalStateException e) {
                errors.add(e);
            }
            y.yield(1);
        });
        self.set(g);
        assertEquals(1, g.next());
        assertEquals(3, errors.size());
        assertTrue(errors.get(0).getMessage().contains("already executing"));
        g.close();
    }

    @Test
    void bodyExceptionsPropagateAsTheyAre() {
        IOException checked = new IOException("io");
        Generator<Integer, Void> g = gen(y -> {
            throw checked;
        });
        Exception e = assertThrows(Exception.class, g::next);
        assertSame(checked, e);
        assertEquals(GeneratorState.CLOSED, g.state());

        Generator<Integer, Void> stop = gen(y -> {
            throw new StopIteration("inner");
        });
        IllegalStateException wrapped = assertThrows(IllegalStateException.class, stop::next);
        assertInstanceOf(StopIteration.class, wrapped.getCause());
    }

    @Test
    void iteratorProtocol() {
        Generator<Integer, Void> g = gen(y -> {
            for (int i = 0; i < 3; i++) {
                y.yield(i);
            }
        });
        List<Integer> out = new ArrayList<>();
        while (g.hasNext()) {
            assertTrue(g.hasNext());
            out.add(g.next());
        }
        assertEquals(List.of(0, 1, 2), out);
        assertFalse(g.hasNext());
        assertThrows(NoSuchElementException.class, g::next);

        Generator<Integer, Integer> cached = adder(10);
        assertTrue(cached.hasNext());
        assertThrows(IllegalStateException.class, () -> cached.send(3));
        assertEquals(0, cached.send(null));
        assertEquals(3, cached.send(3));
    }

    @Test
    void bodyNeverRunsAtTheSameTimeAsTheCaller() {
        int[] shared = {0};
        Generator<Integer, Integer> g = gen(y -> {
            while (true) {
                shared[0]++;
                int v = y.yield(shared[0]);
                shared[0] += v;
            }
        });
        g.next();
        for (int i = 0; i < 10_000; i++) {
            int before = shared[0];
            int got = g.send(1);
            assertEquals(before + 2, got);
            assertEquals(got, shared[0]);
        }
        g.close();
    }

    @Test
    void yieldOutsideTheBodyIsAnError() {
        AtomicReference<Generator.Yielder<Integer, Void>> leaked = new AtomicReference<>();
        Generator<Integer, Void> g = gen(y -> {
            leaked.set(y);
            y.yield(1);
        });
        g.next();
        assertThrows(IllegalStateException.class, () -> leaked.get().yield(2));
        g.close();
    }

    @Test
    void anAbandonedGeneratorIsClosedAndItsThreadEnds() throws InterruptedException {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        AtomicReference<Thread> bodyThread = new AtomicReference<>();
        WeakReference<Generator<Integer, Void>> ref = abandon(cleanedUp, bodyThread);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((ref.get() != null || !cleanedUp.get()) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(cleanedUp.get(), "the abandoned generator's body never got GeneratorExit");
        if (bodyThread.get() == Thread.currentThread()) {
            // A continuation core: the body ran on this, the caller's, thread; there is no thread of its own to end.
            assertTrue(GeneratorContinuations.AVAILABLE);
        } else {
            bodyThread.get().join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(bodyThread.get().isAlive());
        }
    }

    private WeakReference<Generator<Integer, Void>> abandon(AtomicBoolean cleanedUp,
                                                                  AtomicReference<Thread> bodyThread) {
        Generator<Integer, Void> g = gen(y -> {
            bodyThread.set(Thread.currentThread());
            try {
                while (true) {
                    y.yield(1);
                }
            } finally {
                cleanedUp.set(true);
            }
        });
        g.next();
        g.next();
        return new WeakReference<>(g);
    }
}
