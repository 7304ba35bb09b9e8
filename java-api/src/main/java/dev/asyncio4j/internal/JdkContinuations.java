package dev.asyncio4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's own one-shot continuations ({@code jdk.internal.vm.Continuation}, what virtual threads are built on),
 * reached through method handles so that this JDK 17 code compiles and runs without them. A Java body run as one
 * runs on the thread that mounts it and pauses with no thread hand-off: what makes a generator's {@code send} and,
 * when chosen, a Java Task's {@code await} about as cheap as CPython's (see docs/PERFORMANCE.md).
 *
 * <p>{@link #AVAILABLE} only on JDK 21+ (where the VM supports continuations without preview features) and only when
 * the JVM exports {@code java.base/jdk.internal.vm} to this module: the user opts in with {@code --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED} (class path) or {@code --add-exports java.base/jdk.internal.vm=dev.asyncio4j}
 * (module path), or with {@code Add-Exports: java.base/jdk.internal.vm} in an executable jar's manifest. The export
 * is checked for this class's module, so the handles are made here and usable from the SDK's other modules.
 *
 * <p>Each user has a scope of its own ({@link #scope}): a pause leaves the innermost continuation of that scope, so a
 * generator running inside a Task's body pauses only itself at its yield.
 *
 * <p>Thread-safety: the handles are immutable and may be used from any thread.
 */
public final class JdkContinuations {
    /** Whether continuations can be used in this JVM. */
    public static final boolean AVAILABLE;

    /** {@code new ContinuationScope(String)}, as {@code (String)Object}. */
    private static final MethodHandle NEW_SCOPE;
    /** {@code new Continuation(scope, Runnable)}, as {@code (Object, Runnable)Object}. */
    private static final MethodHandle NEW;
    /** {@code Continuation.run()}, as {@code (Object)void}. */
    private static final MethodHandle RUN;
    /** {@code Continuation.yield(scope)}, as {@code (Object)boolean}. */
    private static final MethodHandle YIELD;
    /** {@code Continuation.getCurrentContinuation(scope)}, as {@code (Object)Object}. */
    private static final MethodHandle CURRENT;
    /** {@code Continuation.getStackTrace()} of a continuation that is not running, as {@code (Object)StackTraceElement[]}. */
    private static final MethodHandle STACK;

    static {
        MethodHandle newScope = null;
        MethodHandle newHandle = null;
        MethodHandle runHandle = null;
        MethodHandle yieldHandle = null;
        MethodHandle currentHandle = null;
        MethodHandle stackHandle = null;
        boolean available = false;
        if (Runtime.version().feature() >= 21
                && Object.class.getModule().isExported("jdk.internal.vm", JdkContinuations.class.getModule())) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                Class<?> support = Class.forName("jdk.internal.vm.ContinuationSupport");
                boolean supported = (boolean) lookup.findStatic(support, "isSupported",
                        MethodType.methodType(boolean.class)).invokeExact();
                if (supported) {
                    newScope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                            .asType(MethodType.methodType(Object.class, String.class));
                    newHandle = lookup.findConstructor(continuation,
                                    MethodType.methodType(void.class, scopeClass, Runnable.class))
                            .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
                    runHandle = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class));
                    yieldHandle = lookup.findStatic(continuation, "yield",
                                    MethodType.methodType(boolean.class, scopeClass))
                            .asType(MethodType.methodType(boolean.class, Object.class));
                    currentHandle = lookup.findStatic(continuation, "getCurrentContinuation",
                                    MethodType.methodType(continuation, scopeClass))
                            .asType(MethodType.methodType(Object.class, Object.class));
                    stackHandle = lookup.findVirtual(continuation, "getStackTrace",
                                    MethodType.methodType(StackTraceElement[].class))
                            .asType(MethodType.methodType(StackTraceElement[].class, Object.class));
                    available = true;
                }
            } catch (Throwable unusable) {
                // A JDK whose internals differ: callers use threads, as without the opt-in.
                available = false;
            }
        }
        AVAILABLE = available;
        NEW_SCOPE = newScope;
        NEW = newHandle;
        RUN = runHandle;
        YIELD = yieldHandle;
        CURRENT = currentHandle;
        STACK = stackHandle;
    }

    private JdkContinuations() {
    }

    /**
     * A new continuation scope; call only when {@link #AVAILABLE}.
     *
     * @param name its name, shown in the JDK's messages
     * @return the scope
     */
    public static Object scope(String name) {
        try {
            return (Object) NEW_SCOPE.invokeExact(name);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * A new, not started continuation of {@code body} in {@code scope}.
     *
     * @param scope from {@link #scope}
     * @param body what it runs
     * @return the continuation
     */
    public static Object create(Object scope, Runnable body) {
        try {
            return (Object) NEW.invokeExact(scope, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Runs {@code continuation} on the calling thread from its start or its last pause until it pauses or ends.
     *
     * @param continuation from {@link #create}
     */
    public static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Pauses the innermost running continuation of {@code scope}; returns when it runs again.
     *
     * @param scope from {@link #scope}
     * @throws IllegalStateException when it cannot pause: it is pinned (a monitor held on JDK 21-23, a native frame
     *         on its stack)
     */
    public static void yieldNow(Object scope) {
        try {
            boolean unused = (boolean) YIELD.invokeExact(scope);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The innermost continuation of {@code scope} running on this thread.
     *
     * @param scope from {@link #scope}
     * @return it, or {@code null} outside every continuation of that scope
     */
    public static Object current(Object scope) {
        try {
            return (Object) CURRENT.invokeExact(scope);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Where a paused continuation waits, innermost frame first.
     *
     * @param continuation a continuation that is not running
     * @return its frames (empty when it is running or done)
     */
    public static StackTraceElement[] stackTrace(Object continuation) {
        try {
            return (StackTraceElement[]) STACK.invokeExact(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
