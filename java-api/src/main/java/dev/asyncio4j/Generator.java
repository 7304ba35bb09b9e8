package dev.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.Objects;

/**
 * A Python generator for Java: a body that produces values with {@code g.yield(x)} and receives values back
 * ({@code S s = g.yield(x)}), driven with {@link #send}, {@link #next}, {@link #throwInto} and {@link #close} —
 * the generator-based coroutines the asyncio tutorials start from.
 *
 * <pre>{@code
 * Generator<String, Integer> consumer = Generator.of(g -> {
 *     String reply = "";
 *     while (true) {
 *         Integer n = g.yield(reply);          // pause here until the next send(n)
 *         reply = "200 OK for " + n;
 *     }
 * });
 * consumer.send(null);                         // start it: run to the first yield
 * String r = consumer.send(1);                 // "200 OK for 1"
 * consumer.close();                            // GeneratorExit at the paused yield
 * }</pre>
 *
 * <p><b>Protocol</b> (Python's): the first call must be {@code send(null)} or {@code next()}; a finished generator
 * throws {@link StopIteration} from {@code send}/{@code next}; {@code throwInto(t)} raises {@code t} at the paused
 * yield (on a finished generator it throws {@code t} back; on an unstarted one it throws {@code t} and closes it);
 * {@code close()} raises {@link GeneratorExit} at the paused yield, is a no-op on a finished or unstarted generator
 * (which it leaves {@link GeneratorState#CLOSED}), and throws {@link IllegalStateException} if the body yields
 * again instead of ending. Calling into a generator while its body runs (from the body itself) is an
 * {@link IllegalStateException}. An exception escaping the body comes out of the call that resumed it, as it is
 * (also a checked one); a {@link StopIteration} escaping the body becomes an {@link IllegalStateException}.
 * {@link #hasNext()} runs the body to its next yield and keeps that value for {@link #next()}.
 *
 * <p><b>Threads.</b> Generators are synchronous: they are not Tasks and need no event loop. The body never runs at
 * the same time as the caller. By default it runs on a thread of its own (a virtual thread on JDK 21+ when the
 * caller is virtual, a platform thread when the caller is one), in strict turns with the caller, so each
 * {@code send}/{@code next} costs two thread hand-offs (microseconds); do not use the event loop's API from a body.
 * <b>Fast generators (JDK 21+):</b> run the JVM with {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}
 * ({@code =dev.asyncio4j} on the module path) and the body runs instead on the caller's own thread as a JDK
 * continuation, as a CPython generator does — no hand-off, about CPython's speed; its only limit is that a
 * {@code g.yield} under a native frame, or on JDK 21-23 inside a {@code synchronized} block, throws
 * {@link IllegalStateException} instead of pausing. A generator is not thread-safe: drive it from one thread at a
 * time. A generator dropped unfinished is closed when it is garbage-collected: its body gets {@link GeneratorExit}
 * at the paused yield and ends (unless the body itself refers to the generator, which keeps it reachable, or catches
 * that GeneratorExit and yields again, which leaves its thread parked or, with continuations, drops it unfinished).
 *
 * @param <Y> the type of the values it yields
 * @param <S> the type of the values sent into it
 */
public final class Generator<Y, S> implements Iterator<Y>, AutoCloseable {
    /**
     * A generator's body.
     *
     * @param <Y> the yielded type
     * @param <S> the sent type
     */
    @FunctionalInterface
    public interface Body<Y, S> {
        /**
         * Runs the body; returning ends the generator.
         *
         * @param g yields values: {@code S sent = g.yield(value)}
         * @throws Exception any failure, thrown to the caller that resumed the body
         */
        void run(Yielder<Y, S> g) throws Exception;
    }

    /**
     * What a body yields through.
     *
     * @param <Y> the yielded type
     * @param <S> the sent type
     */
    public interface Yielder<Y, S> {
        /**
         * Pauses the body, handing {@code value} to the caller of {@code send}/{@code next}; returns what the next
         * {@code send} passes ({@code null} for {@code next()}), or throws what {@code throwInto} or {@code close}
         * raises here. Java reserves the bare word, so call it qualified: {@code g.yield(x)}.
         *
         * @param value the value to hand out
         * @return the value sent back in
         */
        S yield(Y value);
    }

    private static final Cleaner CLEANER = Cleaner.create();

    /** The body's runner and the protocol (shared with Kotlin's {@code KGenerator}); this class is its Java face. */
    private final GeneratorCore<Y, S> core;

    /**
     * A generator on the given core (package-private: tests pick a core).
     *
     * @param core runs the body
     */
    Generator(GeneratorCore<Y, S> core) {
        this.core = core;
        CLEANER.register(this, core::abandon);
    }

    /**
     * A new generator, {@link GeneratorState#CREATED}: the body starts on the first {@code send(null)} or
     * {@code next()}.
     *
     * @param body the body
     * @param <Y> the yielded type
     * @param <S> the sent type
     * @return the generator
     */
    public static <Y, S> Generator<Y, S> of(Body<Y, S> body) {
        return new Generator<>(GeneratorCore.create(Objects.requireNonNull(body, "body")));
    }

    /**
     * A generator whose body runs on a thread of its own even where continuations are available: for the tests of
     * that core.
     *
     * @param body the body
     * @param <Y> the yielded type
     * @param <S> the sent type
     * @return the generator
     */
    static <Y, S> Generator<Y, S> onThread(Body<Y, S> body) {
        return new Generator<>(new ThreadGeneratorCore<>(Objects.requireNonNull(body, "body")));
    }

    /**
     * Python's {@code gen.send(value)}: resumes the body, making its paused {@code yield} return {@code value}, and
     * runs it to its next yield.
     *
     * @param value the value to send; must be {@code null} on the first call
     * @return the next yielded value
     * @throws StopIteration when the body has finished
     * @throws IllegalStateException on a first call with a non-null value, or when called while the body runs
     */
    public Y send(S value) {
        return core.send(value);
    }

    /**
     * Python's {@code next(gen)}: {@code send(null)}, or the value {@link #hasNext()} already produced.
     *
     * @return the next yielded value
     * @throws StopIteration when the body has finished
     */
    @Override
    public Y next() {
        return core.next();
    }

    /**
     * Whether {@link #next()} will yield a value: runs the body to its next yield if needed and keeps the value.
     *
     * @return {@code false} once the body has finished
     */
    @Override
    public boolean hasNext() {
        return core.hasNext();
    }

    /**
     * Python's {@code gen.throw(t)}: raises {@code t} at the paused yield; the body may catch it and yield again.
     *
     * @param t what to raise
     * @return the next value the body yields
     * @throws StopIteration when the body then returns
     * @throws IllegalStateException when called while the body runs
     */
    public Y throwInto(Throwable t) {
        return core.throwInto(t);
    }

    /**
     * Python's {@code gen.close()}: raises {@link GeneratorExit} at the paused yield so the body's cleanup runs.
     * A no-op on an unstarted or finished generator; afterwards the state is {@link GeneratorState#CLOSED}.
     *
     * @throws IllegalStateException if the body yields again instead of finishing, or when called while it runs
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Python's {@code inspect.getgeneratorstate(gen)}.
     *
     * @return the state
     */
    public GeneratorState state() {
        return core.state();
    }

    @Override
    public String toString() {
        return "<Generator " + core.state().name().toLowerCase(java.util.Locale.ROOT) + ">";
    }
}
