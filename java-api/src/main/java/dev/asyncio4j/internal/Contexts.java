package dev.asyncio4j.internal;

import dev.asyncio4j.Context;
import dev.asyncio4j.Future;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The runtime's side of {@link Context} (CPython's {@code contextvars} C API): which context is current, entering one
 * for a Task step or a callback, capturing one for a callback. A context's state is private to
 * {@code dev.asyncio4j}; {@code Context} hands this class its {@link Access} when it is initialised. Not for users.
 *
 * <p>The rule for the hot paths: a callback scheduled while the current context is empty (no variable was ever set
 * in it) captures nothing and runs in the loop's base context, which is itself empty; only code that uses context
 * variables pays for copies.
 */
public final class Contexts {
    private static Access installed;

    /**
     * Whether any {@code ContextVar} was ever set in this JVM. Until then every context is empty, so the hot paths
     * (scheduling and running a callback) skip the context lookups altogether. Written once, by the first set.
     */
    private static volatile boolean varsInUse;

    private Contexts() {
    }

    /**
     * What {@code Context} lets the runtime do. Implemented by {@code dev.asyncio4j.Context} only.
     */
    public interface Access {
        /**
         * The current context of the calling thread (see {@link Contexts#current()}).
         *
         * @return the context
         */
        Context current();

        /**
         * Makes {@code next} current where the calling thread's current context lives.
         *
         * @param next the context
         * @return the context current before
         */
        Context swapCurrent(Context next);

        /**
         * Whether no variable holds a value in {@code context}.
         *
         * @param context the context
         * @return {@code true} when empty
         */
        boolean isEmpty(Context context);

        /**
         * Marks {@code context} entered.
         *
         * @param context the context
         * @return whether it was entered already (for {@link #leave})
         */
        boolean enter(Context context);

        /**
         * Marks {@code context} entered, refusing one that is (CPython's {@code Context.run} check).
         *
         * @param context the context
         * @throws IllegalStateException when it is entered already
         */
        void enterOnce(Context context);

        /**
         * Undoes {@link #enter} or {@link #enterOnce}.
         *
         * @param context the context
         * @param enteredBefore what {@link #enter} returned ({@code false} after {@link #enterOnce})
         */
        void leave(Context context, boolean enteredBefore);

        /**
         * Whether a variable was ever set or reset in {@code context}.
         *
         * @param context the context
         * @return {@code true} once written
         */
        boolean isWritten(Context context);

        /**
         * {@code context.run(fn)} with {@code fn}'s exceptions as they are.
         *
         * @param context the context
         * @param fn the function
         * @param <R> its result type
         * @return its result
         * @throws Exception what {@code fn} throws
         */
        <R> R call(Context context, Callable<R> fn) throws Exception;
    }

    /**
     * Whether any context variable was ever set in this JVM: until then every context is empty.
     *
     * @return {@code false} while no variable was ever set
     */
    public static boolean varsInUse() {
        return varsInUse;
    }

    /** Records that a context variable was set (called by {@code ContextVar.set} and {@code reset}). */
    public static void noteVarSet() {
        if (!varsInUse) {
            varsInUse = true;
        }
    }

    /**
     * Called once, by {@code Context}'s static initialiser.
     *
     * @param access the access
     * @throws IllegalStateException on a second call
     */
    public static synchronized void install(Access access) {
        if (installed != null) {
            throw new IllegalStateException("Context access is installed already");
        }
        installed = access;
    }

    private static final class Holder {
        static final Access ACCESS = load();

        private static Access load() {
            try {
                Class.forName(Context.class.getName(), true, Context.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            synchronized (Contexts.class) {
                return installed;
            }
        }
    }

    private static Access access() {
        return Holder.ACCESS;
    }

    /**
     * The current context of the calling thread: the one its loop entered when it holds a loop's turn, else the
     * thread's own.
     *
     * @return the context
     */
    public static Context current() {
        return access().current();
    }

    /**
     * Makes {@code next} current for the calling thread (on its loop when it holds a loop's turn, else for the
     * thread), for a Kotlin coroutine resumed with a context element or a function run elsewhere.
     *
     * @param next the context
     * @return the context current before, to restore with another swap
     */
    public static Context swapCurrent(Context next) {
        return access().swapCurrent(next);
    }

    /**
     * What a callback scheduled now captures (CPython's {@code copy_context()} in {@code Handle}): {@code null} when
     * {@code current} is empty — the callback then runs in the loop's base context, which is empty too — else a
     * copy.
     *
     * @param current the context current where the callback is scheduled
     * @return a copy, or {@code null}
     */
    public static Context captureForCallback(Context current) {
        return access().isEmpty(current) ? null : current.copy();
    }

    /**
     * {@link #captureForCallback} of the calling thread's current context.
     *
     * @return a copy, or {@code null}
     */
    public static Context captureForCallback() {
        return varsInUse ? captureForCallback(current()) : null;
    }

    /**
     * Whether no variable holds a value in {@code context}.
     *
     * @param context the context
     * @return {@code true} when empty
     */
    public static boolean isEmpty(Context context) {
        return access().isEmpty(context);
    }

    /**
     * Marks {@code context} entered for a Task step (nested entries allowed: the flag is restored by {@link #leave}).
     *
     * @param context the context
     * @return the flag before, for {@link #leave}
     */
    public static boolean enter(Context context) {
        return access().enter(context);
    }

    /**
     * Marks {@code context} entered for a callback given an explicit context: like {@code Context.run}, refuses one
     * that is entered already.
     *
     * @param context the context
     * @throws IllegalStateException when it is entered already
     */
    public static void enterOnce(Context context) {
        access().enterOnce(context);
    }

    /**
     * Undoes {@link #enter} or {@link #enterOnce} ({@code enteredBefore = false}).
     *
     * @param context the context
     * @param enteredBefore the flag to restore
     */
    public static void leave(Context context, boolean enteredBefore) {
        access().leave(context, enteredBefore);
    }

    /**
     * Whether a variable was ever set or reset in {@code context} (a loop's base context is replaced then, so that
     * code which wrote into it never leaks values into later callbacks).
     *
     * @param context the context
     * @return {@code true} once written
     */
    public static boolean isWritten(Context context) {
        return access().isWritten(context);
    }

    /**
     * Runs {@code fn} in {@code context} on the calling thread, its exceptions as they are (for {@code toThread}).
     *
     * @param context the context
     * @param fn the function
     * @param <R> its result type
     * @return its result
     * @throws Exception what {@code fn} throws
     * @throws IllegalStateException when {@code context} is entered already
     */
    public static <R> R call(Context context, Callable<R> fn) throws Exception {
        return access().call(context, fn);
    }

    /**
     * A done-callback that runs in the context current when it was added (CPython's {@code add_done_callback}):
     * {@code cb} itself when that context is empty, else a wrapper whose {@code equals} matches {@code cb}, so that
     * {@code removeDoneCallback(cb)} still finds it.
     *
     * @param host the loop of the Future
     * @param cb the callback
     * @param <F> the Future type
     * @return what to register
     */
    public static <F extends Future<?>> Consumer<? super F> bindToCurrent(ContextHost host,
            Consumer<? super F> cb) {
        if (!varsInUse) {
            return cb;
        }
        Context current = host.currentContext();
        if (current == null) {
            current = current();
        }
        Context captured = captureForCallback(current);
        return captured == null ? cb : new BoundCallback<>(host, captured, cb);
    }

    /** A done-callback run in its captured context. */
    private static final class BoundCallback<F> implements Consumer<F> {
        private final ContextHost host;
        private final Context context;
        private final Consumer<? super F> cb;

        BoundCallback(ContextHost host, Context context, Consumer<? super F> cb) {
            this.host = host;
            this.context = context;
            this.cb = cb;
        }

        @Override
        public void accept(F f) {
            Context previous = host.currentContext();
            boolean before = enter(context);
            host.setCurrentContext(context);
            try {
                cb.accept(f);
            } finally {
                host.setCurrentContext(previous);
                leave(context, before);
            }
        }

        /** Matches the callback it wraps, so that {@code removeDoneCallback(cb)} finds this wrapper. */
        @Override
        public boolean equals(Object o) {
            return o == this || cb.equals(o);
        }

        @Override
        public int hashCode() {
            return cb.hashCode();
        }

        @Override
        public String toString() {
            return cb.toString();
        }
    }
}
