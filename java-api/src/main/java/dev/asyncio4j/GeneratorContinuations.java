package dev.asyncio4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's own one-shot continuations ({@code jdk.internal.vm.Continuation}, what virtual threads are built on),
 * reached through method handles so that this JDK 17 code compiles and runs without them. They let a generator's
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
    static final boolean AVAILABLE;

    /** {@code new Continuation(SCOPE, Runnable)}, as {@code (Runnable)Object}. */
    private static final MethodHandle NEW;
    /** {@code Continuation.run()}, as {@code (Object)void}. */
    private static final MethodHandle RUN;
    /** {@code Continuation.yield(SCOPE)}, as {@code ()boolean}. */
    private static final MethodHandle YIELD;
    /** {@code Continuation.getCurrentContinuation(SCOPE)}, as {@code ()Object}. */
    private static final MethodHandle CURRENT;

    static {
        MethodHandle newHandle = null;
        MethodHandle runHandle = null;
        MethodHandle yieldHandle = null;
        MethodHandle currentHandle = null;
        boolean available = false;
        if (Runtime.version().feature() >= 21
                && Object.class.getModule().isExported("jdk.internal.vm", GeneratorContinuations.class.getModule())) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                Class<?> support = Class.forName("jdk.internal.vm.ContinuationSupport");
                boolean supported = (boolean) lookup.findStatic(support, "isSupported",
                        MethodType.methodType(boolean.class)).invokeExact();
                if (supported) {
                    Object scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                            .invoke("asyncio4j-generator");
                    newHandle = MethodHandles.insertArguments(lookup.findConstructor(continuation,
                            MethodType.methodType(void.class, scopeClass, Runnable.class)), 0, scope)
                            .asType(MethodType.methodType(Object.class, Runnable.class));
                    runHandle = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class));
                    yieldHandle = MethodHandles.insertArguments(lookup.findStatic(continuation, "yield",
                            MethodType.methodType(boolean.class, scopeClass)), 0, scope);
                    currentHandle = MethodHandles.insertArguments(lookup.findStatic(continuation,
                            "getCurrentContinuation", MethodType.methodType(continuation, scopeClass)), 0, scope)
                            .asType(MethodType.methodType(Object.class));
                    available = true;
                }
            } catch (Throwable unusable) {
                // A JDK whose internals differ: generators run on threads, as without the opt-in.
                available = false;
            }
        }
        AVAILABLE = available;
        NEW = newHandle;
        RUN = runHandle;
        YIELD = yieldHandle;
        CURRENT = currentHandle;
    }

    private GeneratorContinuations() {
    }

    /**
     * A new, not started continuation of {@code body} in the generators' scope.
     *
     * @param body what it runs
     * @return the continuation
     */
    static Object create(Runnable body) {
        try {
            return (Object) NEW.invokeExact(body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Runs {@code continuation} on the calling thread from its start or its last yield until it yields or ends.
     *
     * @param continuation from {@link #create}
     */
    static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Pauses the innermost running generator continuation; returns when it runs again.
     *
     * @throws IllegalStateException when it cannot pause: it is pinned (a monitor held, a native frame on its stack)
     */
    static void yieldNow() {
        try {
            boolean unused = (boolean) YIELD.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The innermost generator continuation running on this thread.
     *
     * @return it, or {@code null} outside every generator body
     */
    static Object current() {
        try {
            return (Object) CURRENT.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
