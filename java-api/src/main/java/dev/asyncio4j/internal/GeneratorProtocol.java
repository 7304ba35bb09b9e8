package dev.asyncio4j.internal;

import dev.asyncio4j.GeneratorExit;
import dev.asyncio4j.GeneratorState;
import dev.asyncio4j.StopIteration;
import java.util.Objects;

/**
 * Python's generator protocol — the states, the {@code send(None)}-first rule, {@code throw}, {@code close},
 * {@code StopIteration} and their messages — written once for Java's {@code Generator} (a body on a thread of its
 * own) and Kotlin's {@code KGenerator} (a {@code suspend} body): each supplies only its way of running the body to
 * its next yield ({@link #runBody}), and reports back through {@link #bodyYielded} or {@link #bodyEnded}.
 *
 * <p>Python's rules: the first call must be {@code send(null)} or {@code next()}; a finished generator throws
 * {@link StopIteration} from {@code send}/{@code next}; {@code throwInto(t)} raises {@code t} at the paused yield
 * (on a finished generator it throws {@code t} back; on an unstarted one it throws {@code t} and closes it);
 * {@code close()} raises {@link GeneratorExit} at the paused yield, is a no-op on a finished or unstarted generator
 * (which it leaves CLOSED), and throws {@link IllegalStateException} if the body yields again instead of ending;
 * calling into a generator while its body runs (from the body itself) is an {@link IllegalStateException}. An
 * exception escaping the body comes out of the call that resumed it, as it is (also a checked one); a
 * {@link StopIteration} escaping the body becomes an {@link IllegalStateException} (PEP 479). {@link #hasNext()} runs
 * the body to its next yield and keeps that value for {@link #next()}.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: drive a generator from one thread at a time. The state is volatile so
 * that a garbage-collected generator's cleaner may read it.
 *
 * @param <Y> the type of the values it yields
 * @param <S> the type of the values sent into it
 */
public abstract class GeneratorProtocol<Y, S> {
    private volatile GeneratorState state = GeneratorState.CREATED;
    private boolean hasCached;
    private Y cached;
    // What the body reported from its last run.
    private boolean yielded;
    private Y yieldedValue;
    private boolean ended;
    private Throwable failure;

    /**
     * Runs the body from its start or its paused yield until it yields again or ends, on the caller's behalf; it
     * calls {@link #bodyYielded} or {@link #bodyEnded} before returning (on the calling thread or handed over to it).
     *
     * @param value what the paused yield returns ({@code null} on the first run)
     * @param toThrow what the paused yield throws instead, or {@code null}
     */
    protected abstract void runBody(S value, Throwable toThrow);

    /** The body will never run: drop what holds it (an unstarted generator was closed or thrown into). */
    protected void discardBody() {
    }

    /**
     * The body paused at a yield.
     *
     * @param value what it yields
     */
    protected final void bodyYielded(Y value) {
        yieldedValue = value;
        yielded = true;
    }

    /**
     * The body returned ({@code null}) or threw.
     *
     * @param error what it threw, or {@code null}
     */
    protected final void bodyEnded(Throwable error) {
        ended = true;
        failure = error;
    }

    /**
     * Python's {@code inspect.getgeneratorstate}. Thread-safe.
     *
     * @return the state
     */
    public final GeneratorState state() {
        return state;
    }

    /**
     * Python's {@code gen.send(value)}.
     *
     * @param value the value the paused yield returns; must be {@code null} on the first call
     * @return the next yielded value
     * @throws StopIteration when the body has finished
     * @throws IllegalStateException on a first call with a non-null value, or when called while the body runs
     */
    public final Y send(S value) {
        switch (state) {
            case RUNNING:
                throw new IllegalStateException("generator already executing: a generator's body cannot resume its "
                        + "own generator");
            case CLOSED:
                throw new StopIteration("the generator has finished");
            case CREATED:
                if (value != null) {
                    throw new IllegalStateException("can't send non-null value to a just-started generator: start "
                            + "it with send(null) or next()");
                }
                break;
            default:
                break;
        }
        if (hasCached) {
            if (value != null) {
                throw new IllegalStateException("hasNext() already ran the generator to its next yield: take that "
                        + "value with next() before sending a value");
            }
            hasCached = false;
            Y v = cached;
            cached = null;
            return v;
        }
        return resume(value, null);
    }

    /**
     * Python's {@code next(gen)}: {@code send(null)}, or the value {@link #hasNext()} already produced.
     *
     * @return the next yielded value
     * @throws StopIteration when the body has finished
     */
    public final Y next() {
        return send(null);
    }

    /**
     * Runs the body to its next yield if needed and keeps that value for {@link #next()}.
     *
     * @return {@code false} once the body has finished
     */
    public final boolean hasNext() {
        if (hasCached) {
            return true;
        }
        if (state == GeneratorState.CLOSED) {
            return false;
        }
        try {
            cached = send(null);
            hasCached = true;
            return true;
        } catch (StopIteration finished) {
            return false;
        }
    }

    /**
     * Python's {@code gen.throw(t)}.
     *
     * @param t what to raise at the paused yield
     * @return the next value the body yields
     * @throws StopIteration when the body then returns
     * @throws IllegalStateException when called while the body runs
     */
    public final Y throwInto(Throwable t) {
        Objects.requireNonNull(t, "t");
        switch (state) {
            case RUNNING:
                throw new IllegalStateException("generator already executing: a generator's body cannot throw into "
                        + "its own generator");
            case CLOSED:
                throw sneaky(t);
            case CREATED:
                state = GeneratorState.CLOSED;
                discardBody();
                throw sneaky(t);
            default:
                break;
        }
        hasCached = false;
        cached = null;
        return resume(null, t);
    }

    /**
     * Python's {@code gen.close()}.
     *
     * @throws IllegalStateException if the body yields again instead of finishing, or when called while it runs
     */
    public final void close() {
        switch (state) {
            case RUNNING:
                throw new IllegalStateException("generator already executing: a generator's body cannot close its "
                        + "own generator");
            case CREATED:
            case CLOSED:
                state = GeneratorState.CLOSED;
                discardBody();
                return;
            default:
                break;
        }
        hasCached = false;
        cached = null;
        try {
            resume(null, new GeneratorExit());
        } catch (GeneratorExit | StopIteration finished) {
            return;
        }
        throw new IllegalStateException("generator ignored GeneratorExit: a body must not yield while it is being "
                + "closed (let the GeneratorExit propagate, or return)");
    }

    private Y resume(S value, Throwable toThrow) {
        yielded = false;
        ended = false;
        state = GeneratorState.RUNNING;
        try {
            runBody(value, toThrow);
        } finally {
            if (!yielded) {
                state = GeneratorState.CLOSED;
            }
        }
        if (ended || !yielded) {
            state = GeneratorState.CLOSED;
            Throwable f = failure;
            failure = null;
            if (f == null) {
                throw new StopIteration("the generator has finished");
            }
            if (f instanceof StopIteration) {
                throw new IllegalStateException("generator raised StopIteration: return from the body instead", f);
            }
            throw sneaky(f);
        }
        state = GeneratorState.SUSPENDED;
        Y v = yieldedValue;
        yieldedValue = null;
        return v;
    }

    /**
     * Throws {@code t} as it is, checked or not (a body's checked exception comes out of the call that resumed it,
     * as in Python).
     *
     * @param t the exception
     * @param <E> inferred as an unchecked type
     * @return never returns
     * @throws E always
     */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
