package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Context
import dev.asyncio4j.internal.Contexts

/**
 * The loop's side of context variables (CPython's `contextvars` in `Handle._run` and `Task.__step`): which
 * [Context] code holding the loop's turn runs in. It lives on the loop ([EventLoopImpl.runContext]), not on a
 * thread, because any thread may hold the turn (a Java body during its step).
 *
 * Between callbacks the loop is in its *base* context, which is always empty: a callback scheduled while no variable
 * was set captures nothing ([HandleImpl.context] stays null) and simply runs in it, so code that never uses context
 * variables pays one null check per callback (and, until a variable is set anywhere in the JVM, no context lookup at
 * all when scheduling one: [Contexts.varsInUse]). Code that writes into the base context (a raw callback, a Kotlin
 * coroutine on the dispatcher outside any Task) gets it replaced by a fresh one before the next callback runs.
 */
internal object LoopContexts {
    /** Called when the loop starts running: the base context becomes current. */
    fun start(loop: EventLoopImpl) {
        loop.runContext = loop.baseContext
    }

    /** Called when the loop stops running: nothing holds its turn. */
    fun stop(loop: EventLoopImpl) {
        loop.runContext = null
    }

    /**
     * What a callback scheduled now by the calling thread captures: a copy of the loop's current context when the
     * caller holds the loop's turn, else of the calling thread's (any other thread, or this loop before it runs);
     * null when that context is empty.
     */
    fun capture(loop: EventLoopImpl): Context? {
        if (!Contexts.varsInUse()) return null
        val current = loop.runContext
        if (current != null && loop.isOwnerThread()) return Contexts.captureForCallback(current)
        return Contexts.captureForCallback()
    }

    /** A copy of the context current for the calling thread, for a new Task (CPython's `Task._context`). */
    fun copyForTask(loop: EventLoopImpl): Context {
        val current = loop.runContext
        if (current != null && loop.isOwnerThread()) return current.copy()
        return Context.copyContext()
    }

    /** Runs a ready callback: in its captured or given context when it has one, else in the base context. */
    fun run(loop: EventLoopImpl, r: Runnable) {
        val ctx = (r as? HandleImpl)?.context
        if (ctx == null) {
            try {
                r.run()
            } finally {
                if (Contexts.varsInUse() && Contexts.isWritten(loop.baseContext)) renewBase(loop)
            }
            return
        }
        // CPython's Handle._run: ctx.run(callback), which refuses a context that is entered already.
        Contexts.enterOnce(ctx)
        val previous = loop.runContext
        loop.runContext = ctx
        try {
            r.run()
        } finally {
            loop.runContext = previous
            Contexts.leave(ctx, false)
        }
    }

    private fun renewBase(loop: EventLoopImpl) {
        val fresh = Context()
        if (loop.runContext === loop.baseContext) loop.runContext = fresh
        loop.baseContext = fresh
    }
}
