package dev.asyncio4j.kotlin.internal

import dev.asyncio4j.Future
import dev.asyncio4j.KeyboardInterrupt
import dev.asyncio4j.Task
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference

/**
 * Ctrl+C for one `Asyncio.run`, as CPython 3.11's `Runner`: the first SIGINT cancels the main Task (thread-safely,
 * from the JVM's signal thread); a second one, while the main Task is still running, gets the JVM's own behaviour
 * (exit 130 at once); after the run, an interrupted main Task that finished cancelled becomes [KeyboardInterrupt].
 * Our handler is installed only while the main Task runs, as in CPython: during the leftovers' cleanup Ctrl+C is
 * the JVM's again.
 *
 * Only one run in the JVM owns SIGINT at a time (the first to start), and only when SIGINT still has the JVM's
 * default handler: a handler the application installed, or a signal ignored by the parent (`nohup`, background
 * jobs), is left alone. Where the JDK's signal API is missing or refuses SIGINT (`-Xrs`), a shutdown hook stands
 * in: when the JVM starts to exit it cancels the main Task and waits (at most `asyncio4j.shutdownGraceSeconds`,
 * default 10) for the run to finish cleaning up — unless the exit was called from code on the loop itself, whose
 * thread then waits for the hook and could never finish the run.
 */
internal class RunInterrupt private constructor(private val loop: EventLoopImpl, private val main: Future<*>) {
    private val interrupts = AtomicInteger()

    @Volatile
    private var listening = true

    private var ourHandler: Any? = null

    @Volatile
    private var previousHandler: Any? = null
    private var hook: Thread? = null
    private val finished = CountDownLatch(1)

    /** False when the signal API cannot be used here (the shutdown hook stands in). */
    private fun installSignalHandler(): Boolean {
        if (!Signals.available) return false
        val ours = SignalApi.newHandler(::onSigint)
        val previous = try {
            SignalApi.install(SIGINT, ours)
        } catch (refused: IllegalArgumentException) {
            return false
        }
        if (SignalApi.isJvmDefault(previous)) {
            ourHandler = ours
            previousHandler = previous
        } else {
            // An application handler or an ignored SIGINT: Ctrl+C is not ours to interpret (CPython does the same).
            SignalApi.restore(SIGINT, previous)
            listening = false
        }
        return true
    }

    private fun onSigint() {
        val previous = previousHandler ?: return
        if (!listening) {
            SignalApi.forward(SIGINT, previous)
            return
        }
        // The first Ctrl+C cancels the main Task. A second one, or one that finds the main Task already done
        // (CPython raises KeyboardInterrupt at once then), does what Ctrl+C does in any JVM, at once.
        if (interrupts.incrementAndGet() == 1 && !main.isDone && cancelMain()) return
        SignalApi.forward(SIGINT, previous)
    }

    private fun cancelMain(): Boolean = try {
        loop.callSoonThreadsafe { if (!main.isDone) main.cancel() }
        true
    } catch (closed: IllegalStateException) {
        false
    }

    private fun installShutdownHook() {
        val h = Thread({
            if (!listening) return@Thread
            interrupts.incrementAndGet()
            // System.exit() called by code on the loop (a body, a callback): that thread waits for this hook to end,
            // so the run cannot finish, and waiting for it would only hold the exit up for the whole grace period.
            if (turnHolderIsExiting()) return@Thread
            if (cancelMain()) finished.await(GRACE_SECONDS, TimeUnit.SECONDS)
        }, "asyncio4j-run-shutdown")
        try {
            Runtime.getRuntime().addShutdownHook(h)
            hook = h
        } catch (shuttingDown: IllegalStateException) {
            // the JVM is already exiting: there is nothing left to be graceful about
        }
    }

    /** Whether the thread holding the loop's turn is the one exiting the JVM (inside `Runtime.exit`). */
    private fun turnHolderIsExiting(): Boolean {
        val holder = loop.owner ?: return false
        return holder.stackTrace.any {
            it.className == "java.lang.Shutdown" || (it.className == "java.lang.Runtime" && it.methodName == "exit")
        }
    }

    /** CPython restores SIGINT when the main Task is done, before the leftovers are cancelled. */
    fun mainFinished() {
        val ours = ourHandler ?: return
        listening = false
        ourHandler = null
        val current = SignalApi.install(SIGINT, previousHandler!!)
        // Someone installed a handler over ours meanwhile: leave theirs (ours, if it comes back, forwards).
        if (current !== ours) SignalApi.restore(SIGINT, current)
    }

    /** The run is over (loop closed): release SIGINT for other runs and wake a waiting shutdown hook. */
    fun runFinished() {
        mainFinished()
        listening = false
        finished.countDown()
        hook?.let {
            try {
                Runtime.getRuntime().removeShutdownHook(it)
            } catch (shuttingDown: IllegalStateException) {
                // the JVM is exiting: the hook is running or about to, and returns at once
            }
        }
        OWNER.compareAndSet(this, null)
    }

    /**
     * Turns the main Task's outcome into what `Asyncio.run` reports: [KeyboardInterrupt] when Ctrl+C cancelled it
     * (and the Task did not swallow the request: CPython checks `uncancel() == 0`), else null.
     */
    fun keyboardInterruptFor(mainError: Throwable?): KeyboardInterrupt? {
        if (interrupts.get() == 0) return null
        if (mainError !is java.util.concurrent.CancellationException) return null
        if (main is Task<*> && main.uncancel() != 0) return null
        return newKeyboardInterrupt()
    }

    private fun newKeyboardInterrupt(): KeyboardInterrupt {
        ExitOnKeyboardInterrupt.installOn(Thread.currentThread())
        return KeyboardInterrupt("Ctrl+C (SIGINT) cancelled the main task of Asyncio.run()")
    }

    companion object {
        private const val SIGINT = "INT"
        private val OWNER = AtomicReference<RunInterrupt?>()
        private val GRACE_SECONDS = System.getProperty("asyncio4j.shutdownGraceSeconds")?.toLongOrNull() ?: 10L

        /** Starts listening for Ctrl+C on behalf of [main], or returns null when another run already does. */
        fun listen(loop: EventLoopImpl, main: Future<*>): RunInterrupt? {
            val r = RunInterrupt(loop, main)
            if (!OWNER.compareAndSet(null, r)) return null
            if (!r.installSignalHandler()) r.installShutdownHook()
            return r
        }
    }
}
