package dev.asyncio4j.internal;

import dev.asyncio4j.Context;

/**
 * Where the current {@link Context} lives for code that holds a loop's turn: the loop itself, not a thread, since a
 * Task's Java body runs on a thread of its own and any thread may hold the turn. The runtime's loop implements it;
 * code on any other thread uses a per-thread context instead. Not for users.
 *
 * <p><b>Thread-safety.</b> Read and written only by the thread holding the loop's turn.
 */
public interface ContextHost {
    /**
     * The context entered on the loop now: a Task's during its step, a callback's while it runs, the loop's base
     * context in between.
     *
     * @return the context, or {@code null} while the loop is not running
     */
    Context currentContext();

    /**
     * Enters {@code context} on the loop (the caller restores the previous one afterwards).
     *
     * @param context the context to make current
     */
    void setCurrentContext(Context context);
}
