package dev.asyncio4j.jdk.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual threads when the running JDK has them (21+), found at run time so the bytecode stays Java 17.
 *
 * <p>{@code -Dasyncio4j.virtualThreads=false} turns them off (for comparisons and for JDK 17 behaviour on a newer
 * JDK). Thread-safe.
 */
public final class VirtualThreads {
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle BUILDER_FACTORY;
    private static final MethodHandle IS_VIRTUAL;
    private static final MethodHandle BUILDER_NAME;
    private static final MethodHandle BUILDER_NO_INHERITANCE;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle factory = null;
        MethodHandle isVirtual = null;
        MethodHandle name = null;
        MethodHandle noInheritance = null;
        if (!"false".equalsIgnoreCase(System.getProperty("asyncio4j.virtualThreads"))) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> ofVirtualClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
                ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualClass));
                factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
                isVirtual = lookup.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
                name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
                noInheritance = lookup.findVirtual(builder, "inheritInheritableThreadLocals",
                        MethodType.methodType(builder, boolean.class));
            } catch (ReflectiveOperationException | LinkageError notAvailable) {
                ofVirtual = null;
                factory = null;
                isVirtual = null;
                name = null;
                noInheritance = null;
            }
        }
        OF_VIRTUAL = ofVirtual;
        BUILDER_FACTORY = factory;
        IS_VIRTUAL = isVirtual;
        BUILDER_NAME = name;
        BUILDER_NO_INHERITANCE = noInheritance;
    }

    private static final ThreadFactory UNNAMED = available() ? newFactory() : null;

    private VirtualThreads() {
    }

    /**
     * Whether virtual threads can be created here.
     *
     * @return {@code true} on JDK 21+ unless turned off
     */
    public static boolean available() {
        return OF_VIRTUAL != null;
    }

    /**
     * Whether a thread is virtual.
     *
     * @param thread the thread
     * @return {@code true} for a virtual thread
     */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(thread);
        } catch (Throwable t) {
            throw new IllegalStateException("Thread.isVirtual failed", t);
        }
    }

    /**
     * A new unstarted virtual thread.
     *
     * @param name its name
     * @param body what it runs
     * @return the thread
     * @throws IllegalStateException when virtual threads are not {@linkplain #available() available}
     */
    public static Thread newThread(String name, Runnable body) {
        if (UNNAMED == null) {
            throw new IllegalStateException("virtual threads need JDK 21 or newer");
        }
        Thread t = UNNAMED.newThread(body);
        t.setName(Objects.requireNonNull(name, "name"));
        return t;
    }

    /**
     * A factory of unstarted threads named {@code prefix + n}: virtual ones when available, else daemon platform
     * threads.
     *
     * @param prefix the name prefix, for example {@code "asyncio4j-body-"}
     * @return the factory
     */
    public static ThreadFactory factory(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicLong counter = new AtomicLong();
        if (available()) {
            return r -> newThread(prefix + counter.incrementAndGet(), r);
        }
        return r -> {
            Thread t = new Thread(r, prefix + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A factory of unstarted virtual threads, all named {@code name}, that inherit no {@link InheritableThreadLocal}
     * value from the thread that creates them (nor, then, its context class loader: they start with the system class
     * loader unless given another).
     *
     * @param name the name of every thread
     * @return the factory
     * @throws IllegalStateException when virtual threads are not {@linkplain #available() available}
     */
    public static ThreadFactory isolatedFactory(String name) {
        Objects.requireNonNull(name, "name");
        if (!available()) {
            throw new IllegalStateException("virtual threads need JDK 21 or newer");
        }
        try {
            Object builder = OF_VIRTUAL.invoke();
            builder = BUILDER_NAME.invoke(builder, name);
            builder = BUILDER_NO_INHERITANCE.invoke(builder, false);
            return (ThreadFactory) BUILDER_FACTORY.invoke(builder);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create the virtual thread factory", t);
        }
    }

    private static ThreadFactory newFactory() {
        try {
            return (ThreadFactory) BUILDER_FACTORY.invoke(OF_VIRTUAL.invoke());
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create the virtual thread factory", t);
        }
    }
}
