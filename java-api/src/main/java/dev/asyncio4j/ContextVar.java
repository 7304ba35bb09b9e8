package dev.asyncio4j;

import dev.asyncio4j.internal.Contexts;
import dev.asyncio4j.internal.FutureBase;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python's {@code contextvars.ContextVar}: a variable whose value belongs to the current {@link Context}, not to a
 * thread. Each Task runs in a copy of the context current when it was created, so a value set in a Task is seen by
 * that Task (and by the Tasks, callbacks and {@code toThread} functions it starts afterwards) and by nobody else.
 * Declare variables once, as {@code static final} fields: a ContextVar is compared by identity, and a Context keeps
 * a reference to every variable set in it.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * REQUEST_ID.set("r-42");            // in this Task (or callback, or thread) only
 * String id = REQUEST_ID.get();      // "r-42" here, "-" in a Task created before the set
 * }</pre>
 *
 * <p><b>Where "current" is.</b> In a Task's body (Java or Kotlin) and in a loop callback: the context the loop
 * entered for it. On any other thread: that thread's own context, empty when the thread starts (CPython's rule;
 * thread pools keep a thread's context from one job to the next, as they keep its ThreadLocals).
 *
 * <p><b>Thread-safety.</b> A ContextVar itself is immutable and may be shared by every thread; {@link #get()},
 * {@link #set} and {@link #reset} act on the calling thread's current context.
 *
 * @param <T> the type of the values
 */
public final class ContextVar<T> {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** The variables whose {@code toString()} runs on this thread, to print a self-containing default as "...". */
    private static final ThreadLocal<java.util.Set<ContextVar<?>>> REPR_IN_PROGRESS =
            ThreadLocal.withInitial(() -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    private final String name;
    private final T defaultValue;
    private final boolean hasDefault;

    /** This variable's key in a {@link VarMap}: a bijective mix of a unique id, so unique until 2^32 variables. */
    final int hash;

    /**
     * A variable without a default: {@link #get()} throws until a value is set.
     *
     * @param name the name, for messages and {@code toString()}
     * @throws NullPointerException if {@code name} is null
     */
    public ContextVar(String name) {
        this(name, null, false);
    }

    /**
     * A variable with a default, which {@link #get()} returns while the current context holds no value.
     *
     * @param name the name, for messages and {@code toString()}
     * @param defaultValue the default (may be {@code null}: then {@code get()} returns {@code null} when unset)
     * @throws NullPointerException if {@code name} is null
     */
    public ContextVar(String name, T defaultValue) {
        this(name, defaultValue, true);
    }

    private ContextVar(String name, T defaultValue, boolean hasDefault) {
        this.name = Objects.requireNonNull(name, "name: a ContextVar needs a name");
        this.defaultValue = defaultValue;
        this.hasDefault = hasDefault;
        this.hash = mix(IDS.getAndIncrement());
    }

    /** MurmurHash3's finalizer: a bijection on 32-bit ints that spreads consecutive ids over the trie. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * The variable's name.
     *
     * @return the name given at construction
     */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the default.
     *
     * @return the value
     * @throws NoSuchElementException (Python's {@code LookupError}) when the current context holds no value and the
     *     variable has no default
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = Context.current().vars.find(this);
        if (v != VarMap.MISSING) {
            return (T) v;
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException(this + " has no value in the current context and no default: set it "
                + "first, give it a default (new ContextVar<>(name, default)) or call get(fallback)");
    }

    /**
     * The value in the current context, else {@code fallback} (which wins over the variable's default, as in
     * CPython).
     *
     * @param fallback what to return when the current context holds no value
     * @return the value or {@code fallback}
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = Context.current().vars.find(this);
        return v != VarMap.MISSING ? (T) v : fallback;
    }

    /**
     * Sets the value in the current context.
     *
     * @param value the value ({@code null} is a value)
     * @return a token that {@link #reset} takes to restore the previous state; closing it does the same
     */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        VarMap vars = ctx.vars;
        Object old = vars.find(this);
        ctx.vars = vars.with(this, value);
        ctx.written = true;
        Contexts.noteVarSet();
        return new TokenImpl<>(ctx, this, old);
    }

    /**
     * Restores the variable to what it was before the {@link #set} that returned {@code token}: its old value, or no
     * value at all.
     *
     * @param token a token of this variable, made in the current context, not used before
     * @throws NullPointerException if {@code token} is null
     * @throws IllegalStateException when the token was used already (Python's {@code RuntimeError})
     * @throws IllegalArgumentException when the token comes from another variable or was made in another context
     *     (Python's {@code ValueError})
     */
    public void reset(Token<T> token) {
        Objects.requireNonNull(token, "token");
        if (!(token instanceof TokenImpl)) {
            throw new IllegalArgumentException(token + " is not a token made by ContextVar.set(...)");
        }
        TokenImpl<T> t = (TokenImpl<T>) token;
        if (t.used) {
            throw new IllegalStateException(t + " has already been used once: a token restores one set(...) only");
        }
        if (t.var != this) {
            throw new IllegalArgumentException(t + " was created by a different ContextVar: reset it with "
                    + t.var.name + ".reset(token)");
        }
        Context ctx = Context.current();
        if (t.context != ctx) {
            throw new IllegalArgumentException(t + " was created in a different Context: reset a variable in the "
                    + "Task, callback or thread that set it");
        }
        ctx.vars = t.old == VarMap.MISSING ? ctx.vars.without(this) : ctx.vars.with(this, t.old);
        ctx.written = true;
        Contexts.noteVarSet();
        t.used = true;
    }

    /**
     * Python's repr: {@code <ContextVar name='request_id' default='-' at 0x1b6d3586>}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<ContextVar name=").append(FutureBase.repr(name));
        if (hasDefault) {
            s.append(" default=");
            // A default that contains this variable (a list holding it) would recurse forever: Python prints "...".
            java.util.Set<ContextVar<?>> shown = REPR_IN_PROGRESS.get();
            if (shown.add(this)) {
                try {
                    s.append(FutureBase.repr(defaultValue));
                } finally {
                    shown.remove(this);
                }
            } else {
                s.append("...");
            }
        }
        return s.append(" at 0x").append(Integer.toHexString(System.identityHashCode(this))).append('>').toString();
    }

    /**
     * What {@link #set} returns (Python's {@code contextvars.Token}): the variable and the value it had before,
     * for {@link #reset}. Closing a token resets its variable, so a value can be set for a block (Python 3.14's
     * {@code with var.set(value):}):
     *
     * <pre>{@code
     * try (var ignored = REQUEST_ID.set("r-42")) {
     *     handle();
     * }   // REQUEST_ID is back to what it was
     * }</pre>
     *
     * @param <T> the variable's value type
     */
    public interface Token<T> extends AutoCloseable {
        /**
         * The variable whose {@code set} made this token.
         *
         * @return the variable
         */
        ContextVar<T> var();

        /**
         * The value the variable had before the {@code set}.
         *
         * @return the old value, or {@code null} when it had none (see {@link #hadValue()})
         */
        T oldValue();

        /**
         * Whether the variable had a value in the context before the {@code set} (Python's
         * {@code old_value is not Token.MISSING}).
         *
         * @return {@code true} when {@link #oldValue()} is a real value
         */
        boolean hadValue();

        /**
         * {@code var().reset(this)}.
         *
         * @throws IllegalStateException when the token was used already
         * @throws IllegalArgumentException when the current context is not the one the token was made in
         */
        @Override
        void close();
    }

    private static final class TokenImpl<T> implements Token<T> {
        final Context context;
        final ContextVar<T> var;
        final Object old;
        boolean used;

        TokenImpl(Context context, ContextVar<T> var, Object old) {
            this.context = context;
            this.var = var;
            this.old = old;
        }

        @Override
        public ContextVar<T> var() {
            return var;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T oldValue() {
            return old == VarMap.MISSING ? null : (T) old;
        }

        @Override
        public boolean hadValue() {
            return old != VarMap.MISSING;
        }

        @Override
        public void close() {
            var.reset(this);
        }

        @Override
        public String toString() {
            return "<Token" + (used ? " used" : "") + " var=" + var + " at 0x"
                    + Integer.toHexString(System.identityHashCode(this)) + ">";
        }
    }
}
