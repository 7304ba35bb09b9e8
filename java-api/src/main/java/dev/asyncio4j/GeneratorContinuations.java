package dev.asyncio4j;

import dev.asyncio4j.internal.JdkContinuations;

/**
 * Generators' use of the JDK's one-shot continuations ({@link JdkContinuations}, in a scope of their own). They let a generator's
 * body run on its caller's thread and pause at a yield with no thread hand-off, which makes {@code send}/{@code next}
 * about as cheap as CPython's (two thread hand-offs per send cost microseconds; see docs/PERFORMANCE.md).
 *
 * <p>{@link #AVAILABLE} only on JDK 21+ (where the VM supports continuations without preview features) and only when
 * the JVM exports {@code java.base/jdk.internal.vm} to this module: the user opts in with {@code --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED} (class path) or {@code --add-exports java.base/jdk.internal.vm=dev.asyncio4j}
 * (module path), or with {@code Add-Exports: java.base/jdk.internal.vm} in an executable jar's manifest. Without it,
 * generators run on threads ({@link ThreadGeneratorCore}); the behaviour is the same either way, except that with
 * continuations the body runs on the thread that calls {@code send} (as in CPython) and, on JDK 21-23, a yield
 * inside a {@code synchronized} block cannot pause (see {@link ContinuationGeneratorCore}).
 *
 * <p>Thread-safety: the handles are immutable and may be used from any thread.
 */
final class GeneratorContinuations {
    /** Whether {@link ContinuationGeneratorCore} can be used in this JVM. */
    static final boolean AVAILABLE = JdkContinuations.AVAILABLE;

    /** The generators' scope: a yield pauses the innermost generator, never a Task's body around it. */
    private static final Object SCOPE = AVAILABLE ? JdkContinuations.scope("asyncio4j-generator") : null;

    private GeneratorContinuations() {
    }

    /**
     * A new, not started continuation of {@code body} in the generators' scope.
     *
     * @param body what it runs
     * @return the continuation
     */
    static Object create(Runnable body) {
        return JdkContinuations.create(SCOPE, body);
    }

    /**
     * Runs {@code continuation} on the calling thread from its start or its last yield until it yields or ends.
     *
     * @param continuation from {@link #create}
     */
    static void run(Object continuation) {
        JdkContinuations.run(continuation);
    }

    /**
     * Pauses the innermost running generator continuation; returns when it runs again.
     *
     * @throws IllegalStateException when it cannot pause: it is pinned (a monitor held, a native frame on its stack)
     */
    static void yieldNow() {
        JdkContinuations.yieldNow(SCOPE);
    }

    /**
     * The innermost generator continuation running on this thread.
     *
     * @return it, or {@code null} outside every generator body
     */
    static Object current() {
        return JdkContinuations.current(SCOPE);
    }
}
