package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.KeyboardInterrupt

/**
 * Python's exit on an uncaught `KeyboardInterrupt`: a thread's uncaught-exception handler that, for a
 * [KeyboardInterrupt], prints one line and exits the JVM with status 130; any other exception goes to the handler
 * it replaced (the thread's own, else its thread group, which prints the stack trace as usual).
 */
internal class ExitOnKeyboardInterrupt private constructor(
    private val next: Thread.UncaughtExceptionHandler
) : Thread.UncaughtExceptionHandler {
    override fun uncaughtException(t: Thread, e: Throwable) {
        if (e !is KeyboardInterrupt) {
            next.uncaughtException(t, e)
            return
        }
        System.err.println("Exception in thread \"${t.name}\" $e")
        System.err.flush()
        Runtime.getRuntime().exit(KeyboardInterrupt.EXIT_STATUS)
    }

    companion object {
        fun installOn(thread: Thread) {
            val current = thread.uncaughtExceptionHandler
            if (current is ExitOnKeyboardInterrupt) return
            thread.uncaughtExceptionHandler = ExitOnKeyboardInterrupt(current)
        }
    }
}
