package dev.asyncio4j;

import dev.asyncio4j.internal.ContextHost;
import dev.asyncio4j.internal.Contexts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * Python's {@code contextvars.Context}: a mapping from {@link ContextVar}s to values, which code runs "in". The
 * current context is where {@link ContextVar#get()} reads and {@link ContextVar#set} writes.
 *
 * <p>As in CPython (PEP 567): a Task runs in a copy of the context current when it was created ({@link
 * EventLoop#createTask(Coroutine, String, Context)} runs it in a given one instead); a loop callback runs in a copy
 * of the context current when it was scheduled, from whichever thread ({@link EventLoop#callSoon(Runnable, Context)}
 * runs it in a given one); a done-callback in a copy of the context current when it was added;
 * {@link Asyncio#toThread} runs its function in a copy of the caller's context, while
 * {@link EventLoop#runInExecutor} does not (the function sees the executor thread's own context). Every other
 * thread starts with an empty context of its own. Kotlin code on a loop sees the same values; {@code
 * ContextVar.asContextElement()} and {@code Context.asContextElement()} carry them into coroutines on other
 * dispatchers.
 *
 * <p>Copying is cheap whatever the number of variables (the mapping is immutable and shared, CPython's HAMT): a
 * copy is one small object, and a change in one copy is never seen by another.
 *
 * <p><b>Thread-safety.</b> A Context is entered by one thread at a time ({@link #run} refuses a context that is
 * already entered); reading it ({@link #get}, {@link #contains}, {@link #size}, {@link #toMap}) from another thread
 * while it is entered sees some recent state.
 */
public final class Context {
    private static final ThreadLocal<Context> THREAD_CONTEXT = ThreadLocal.withInitial(Context::new);

    static {
        Contexts.install(new RuntimeAccess());
    }

    /** The bindings: replaced, never changed, by {@link ContextVar#set} and {@link ContextVar#reset}. */
    VarMap vars;

    /** Entered by {@link #run}, or by the loop for a Task step or a callback. */
    private boolean entered;

    /** Whether a variable was set or reset in this context (the loop's base context is replaced once written). */
    boolean written;

    /** An empty context (Python's {@code contextvars.Context()}). */
    public Context() {
        this.vars = VarMap.EMPTY;
    }

    private Context(VarMap vars) {
        this.vars = vars;
    }

    /**
     * A copy of the current context (Python's {@code contextvars.copy_context()}).
     *
     * @return a new context with the current bindings
     */
    public static Context copyContext() {
        return new Context(current().vars);
    }

    /**
     * A copy of this context (Python's {@code Context.copy()}).
     *
     * @return a new context with this context's bindings
     */
    public Context copy() {
        return new Context(vars);
    }

    /**
     * Runs {@code fn} in this context: every {@link ContextVar#set} inside changes this context, and the context
     * current before is current again afterwards (Python's {@code Context.run}). Inside a Java coroutine body,
     * {@code fn} may await: the body stays in this context until {@code fn} returns.
     *
     * @param fn the function
     * @param <R> its result type
     * @return what {@code fn} returns
     * @throws IllegalStateException when this context is already entered (by this or another thread, by a Task
     *     running in it or by an enclosing {@code run})
     * @throws CompletionException around a checked exception of {@code fn} (the {@linkplain dev.asyncio4j rethrow
     *     rule}); unchecked ones are thrown as they are
     */
    public <R> R run(Callable<R> fn) {
        Objects.requireNonNull(fn, "fn");
        try {
            return call(fn);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Runs {@code fn} in this context, as {@link #run(Callable)} does.
     *
     * @param fn the function
     * @throws IllegalStateException when this context is already entered
     */
    public void run(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        run(() -> {
            fn.run();
            return null;
        });
    }

    /** {@link #run(Callable)} with the function's exceptions as they are (for {@code toThread}). */
    <R> R call(Callable<R> fn) throws Exception {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        Context previous = swapCurrent(this);
        entered = true;
        try {
            return fn.call();
        } finally {
            entered = false;
            swapCurrent(previous);
        }
    }

    /**
     * The value of {@code var} in this context (Python's {@code ctx[var]}); unlike {@link ContextVar#get()}, the
     * variable's default does not count.
     *
     * @param var the variable
     * @param <T> its value type
     * @return the value
     * @throws NoSuchElementException (Python's {@code KeyError}) when this context holds no value for it
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        Object v = vars.find(Objects.requireNonNull(var, "var"));
        if (v == VarMap.MISSING) {
            throw new NoSuchElementException(var + " has no value in this context: check contains(var) or call "
                    + "get(var, fallback)");
        }
        return (T) v;
    }

    /**
     * The value of {@code var} in this context, else {@code fallback} (Python's {@code ctx.get(var, default)}).
     *
     * @param var the variable
     * @param fallback what to return when this context holds no value for it
     * @param <T> its value type
     * @return the value or {@code fallback}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var, T fallback) {
        Object v = vars.find(Objects.requireNonNull(var, "var"));
        return v == VarMap.MISSING ? fallback : (T) v;
    }

    /**
     * Whether this context holds a value for {@code var} (Python's {@code var in ctx}).
     *
     * @param var the variable
     * @return {@code true} when set here
     */
    public boolean contains(ContextVar<?> var) {
        return vars.find(Objects.requireNonNull(var, "var")) != VarMap.MISSING;
    }

    /**
     * How many variables hold a value here (Python's {@code len(ctx)}).
     *
     * @return the count
     */
    public int size() {
        return vars.size();
    }

    /**
     * The bindings as an unmodifiable snapshot (Python's {@code dict(ctx)}: {@code keys()}, {@code values()} and
     * {@code items()} are its views).
     *
     * @return a map from variable to value, in no particular order
     */
    public Map<ContextVar<?>, Object> toMap() {
        Map<ContextVar<?>, Object> m = new LinkedHashMap<>();
        vars.forEach(m::put);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Python's Mapping equality: the same variables with equal values.
     *
     * @param o another object
     * @return whether {@code o} is a Context with the same bindings
     */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Context && vars.sameBindings(((Context) o).vars));
    }

    @Override
    public int hashCode() {
        return vars.bindingsHash();
    }

    @Override
    public String toString() {
        return "<Context " + toMap() + " at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    // ------------------------------------------------------------------ where "current" lives

    /**
     * The current context: the one the running loop entered, when the calling thread holds a loop's turn (the loop
     * itself, or a Java body during its step); else this thread's own.
     */
    static Context current() {
        EventLoop loop = Asyncio.runtime().runningLoop();
        if (loop instanceof ContextHost) {
            Context c = ((ContextHost) loop).currentContext();
            if (c != null) {
                return c;
            }
        }
        return THREAD_CONTEXT.get();
    }

    /** Makes {@code next} current where the current context lives for the calling thread; returns the one before. */
    static Context swapCurrent(Context next) {
        EventLoop loop = Asyncio.runtime().runningLoop();
        if (loop instanceof ContextHost) {
            ContextHost host = (ContextHost) loop;
            Context c = host.currentContext();
            if (c != null) {
                host.setCurrentContext(next);
                return c;
            }
        }
        Context c = THREAD_CONTEXT.get();
        THREAD_CONTEXT.set(next);
        return c;
    }

    /** What the runtime may do with a Context beyond the public API (see {@link Contexts}). */
    private static final class RuntimeAccess implements Contexts.Access {
        @Override
        public Context current() {
            return Context.current();
        }

        @Override
        public Context swapCurrent(Context next) {
            return Context.swapCurrent(next);
        }

        @Override
        public boolean isEmpty(Context context) {
            return context.vars == VarMap.EMPTY;
        }

        @Override
        public boolean enter(Context context) {
            boolean was = context.entered;
            context.entered = true;
            return was;
        }

        @Override
        public void enterOnce(Context context) {
            if (context.entered) {
                throw new IllegalStateException("cannot enter context: " + context + " is already entered");
            }
            context.entered = true;
        }

        @Override
        public void leave(Context context, boolean enteredBefore) {
            context.entered = enteredBefore;
        }

        @Override
        public boolean isWritten(Context context) {
            return context.written;
        }

        @Override
        public <R> R call(Context context, Callable<R> fn) throws Exception {
            return context.call(fn);
        }
    }
}
