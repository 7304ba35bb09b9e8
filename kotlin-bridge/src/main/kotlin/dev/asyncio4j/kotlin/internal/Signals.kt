package dev.asyncio4j.kotlin.internal

import java.util.concurrent.ConcurrentHashMap

/**
 * `loop.addSignalHandler` on the JDK's signal API (see [SignalApi]): the JVM's signal thread forwards each signal
 * to the loop through `callSoonThreadsafe`. One handler per signal per JVM, as in Python (signals are
 * process-wide); the handler a loop replaced is put back by `removeSignalHandler` or when the loop closes, and a
 * handler whose loop is gone passes the signal on to the one it replaced.
 */
internal object Signals {
    /** Whether the JDK's signal API can be used here (`-Dasyncio4j.signals=false` turns it off). */
    @JvmField
    val available: Boolean = System.getProperty("asyncio4j.signals") != "false" && classPresent("sun.misc.Signal")

    private class Installed(val loop: EventLoopImpl, val previous: Any) {
        @Volatile
        var removed = false
    }

    private val installed = ConcurrentHashMap<String, Installed>()

    fun add(loop: EventLoopImpl, signal: String, cb: Runnable) {
        java.util.Objects.requireNonNull(cb, "callback")
        val name = normalize(signal)
        if (!available) {
            throw UnsupportedOperationException(
                "signal handlers need the JDK's jdk.unsupported module (sun.misc.Signal), which this runtime lacks"
            )
        }
        if (name == "KILL" || name == "STOP") {
            throw IllegalStateException("SIG$name cannot be caught: no process can handle it; choose another signal")
        }
        val holder = arrayOfNulls<Installed>(1)
        val previous = try {
            SignalApi.install(name, SignalApi.newHandler { deliver(name, holder[0], cb) })
        } catch (e: IllegalArgumentException) {
            if (e.message?.startsWith("Unknown signal") == true) {
                throw IllegalArgumentException("unknown signal '$signal': pass a name such as \"INT\" or \"TERM\"", e)
            }
            throw IllegalStateException("SIG$name cannot be caught here: ${e.message}", e)
        }
        val old = installed[name]
        // A second handler for the same signal replaces the first but keeps what the first replaced.
        val entry = Installed(loop, if (old != null && !old.removed) old.previous else previous)
        old?.removed = true
        holder[0] = entry
        installed[name] = entry
    }

    private fun deliver(name: String, entry: Installed?, cb: Runnable) {
        if (entry == null) return
        if (entry.removed || entry.loop.isClosed) {
            SignalApi.forward(name, entry.previous)
            return
        }
        try {
            entry.loop.callSoonThreadsafe(cb)
        } catch (closed: IllegalStateException) {
            SignalApi.forward(name, entry.previous)
        }
    }

    fun remove(loop: EventLoopImpl, signal: String): Boolean {
        val name = normalize(signal)
        if (!available) return false
        val current = installed[name] ?: return false
        if (current.loop !== loop) return false
        if (!installed.remove(name, current)) return false
        current.removed = true
        SignalApi.restore(name, current.previous)
        return true
    }

    /** Python's `close()`: a closing loop removes every signal handler it installed. */
    fun removeAll(loop: EventLoopImpl) {
        if (!available) return
        for ((name, entry) in installed.entries.toList()) {
            if (entry.loop === loop) remove(loop, name)
        }
    }

    private fun normalize(signal: String): String {
        java.util.Objects.requireNonNull(signal, "signal")
        val name = signal.trim().uppercase().removePrefix("SIG")
        if (name.isEmpty()) throw IllegalArgumentException("empty signal name: pass a name such as \"INT\" or \"TERM\"")
        return name
    }

    private fun classPresent(name: String): Boolean = try {
        Class.forName(name, false, Signals::class.java.classLoader)
        true
    } catch (e: ClassNotFoundException) {
        false
    } catch (e: LinkageError) {
        false
    }
}
