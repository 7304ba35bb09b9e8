package dev.asyncio4j;

import dev.asyncio4j.internal.GeneratorProtocol;

/**
 * What runs a Java {@link Generator}'s body: the one generator protocol ({@link GeneratorProtocol}, shared with
 * Kotlin's {@code KGenerator}) plus a way to run the body to its next yield. Two ways exist:
 * <ul>
 *   <li>{@link ContinuationGeneratorCore}: the body runs on the caller's own thread as a JDK continuation, as a
 *       CPython generator runs on its caller's thread — no thread hand-off at all. Only on JDK 21+ and only when the
 *       JVM exports {@code java.base/jdk.internal.vm} to asyncio4j ({@code --add-exports
 *       java.base/jdk.internal.vm=ALL-UNNAMED}, or {@code =dev.asyncio4j} on the module path), see
 *       {@link GeneratorContinuations};</li>
 *   <li>{@link ThreadGeneratorCore} otherwise: the body on a thread of its own, in strict turns with its caller.</li>
 * </ul>
 * A core never refers to its {@link Generator}, so an abandoned generator can become unreachable while its body is
 * paused; the generator's Cleaner then calls {@link #abandon()}.
 *
 * <p>Not thread-safe (as {@link GeneratorProtocol}): one caller at a time.
 *
 * @param <Y> the type of the values it yields
 * @param <S> the type of the values sent into it
 */
abstract class GeneratorCore<Y, S> extends GeneratorProtocol<Y, S> implements Generator.Yielder<Y, S>, Runnable {
    /** The generator's body. */
    final Generator.Body<Y, S> body;

    // Hand-over between the caller's side and the body's side. The two never run at once: a thread core orders them
    // by its volatile turn, a continuation core runs them one after the other on one thread.
    /** What the caller sends in: a value, or an exception to raise at the yield. */
    S inValue;
    Throwable inThrow;
    /** What the body hands out: a yielded value, or its end (with the exception it ended with, if any). */
    Y outValue;
    boolean finished;
    Throwable failure;

    GeneratorCore(Generator.Body<Y, S> body) {
        this.body = body;
    }

    /**
     * The core this JVM runs generators on best.
     *
     * @param body the generator's body
     * @param <Y> the type of the values it yields
     * @param <S> the type of the values sent into it
     * @return a continuation core when the JVM allows one, else a thread core
     */
    static <Y, S> GeneratorCore<Y, S> create(Generator.Body<Y, S> body) {
        return GeneratorContinuations.AVAILABLE ? new ContinuationGeneratorCore<>(body) : new ThreadGeneratorCore<>(body);
    }

    /** The generator became unreachable: let a body paused at a yield end (GeneratorExit, as CPython's finaliser). */
    abstract void abandon();

    /**
     * Body side: runs the body to its end and records how it ended (the caller then reads {@link #finished} and
     * {@link #failure}).
     */
    @Override
    public void run() {
        try {
            body.run(this);
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished = true;
        }
    }

    /** Caller side, when the body paused or ended: hands its yield or its end to the generator protocol. */
    final void passOutcome() {
        if (finished) {
            Throwable f = failure;
            failure = null;
            bodyEnded(f);
        } else {
            Y v = outValue;
            outValue = null;
            bodyYielded(v);
        }
    }

    /** Body side, resumed at a yield: what the caller sent in — a value returned, or an exception thrown. */
    final S takeSent() {
        Throwable t = inThrow;
        inThrow = null;
        S s = inValue;
        inValue = null;
        if (t != null) {
            throw GeneratorProtocol.sneaky(t);
        }
        return s;
    }

    /** The error of a {@code yield} called from anywhere but the running body. */
    static IllegalStateException yieldOutsideTheBody() {
        return new IllegalStateException("yield() called outside this generator's running body: call g.yield(x) "
                + "only from the body's own code");
    }
}
