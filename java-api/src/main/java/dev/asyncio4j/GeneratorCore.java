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
abstract class GeneratorCore<Y, S> extends GeneratorProtocol<Y, S> implements Generator.Yielder<Y, S> {
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
}
