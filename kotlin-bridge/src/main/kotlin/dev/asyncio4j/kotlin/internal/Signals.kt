package dev.asyncio4j.kotlin.internal

import java.util.concurrent.ConcurrentHashMap

/**
 * `loop.addSignalHandler` on the JDK's `sun.misc.Signal` API (module jdk.unsupported): the JVM's signal thread
 * forwards each signal to the loop through `callSoonThreadsafe`. One handler per signal per JVM, as in Python
 * (signals are process-wide).
 */
internal object Signals {
    private class Installed(val loop: EventLoopImpl, val previous: sun.misc.SignalHandler)

    private val installed = ConcurrentHashMap<String, Installed>()

    fun add(loop: EventLoopImpl, signal: String, cb: Runnable) {
        java.util.Objects.requireNonNull(cb, "callback")
        val name = normalize(signal)
        if (name == "KILL" || name == "STOP") {
            throw IllegalArgumentException("SIG$name cannot be caught: choose another signal")
        }
        val handler = sun.misc.SignalHandler {
            if (!loop.isClosed) {
                try {
                    loop.callSoonThreadsafe(cb)
                } catch (closed: IllegalStateException) {
                    // the loop closed between the check and the call
                }
            }
        }
        val previous = try {
            sun.misc.Signal.handle(sun.misc.Signal(name), handler)
        } catch (e: IllegalArgumentException) {
            throw IllegalArgumentException("cannot handle signal '$signal' here: ${e.message}", e)
        }
        val old = installed.put(name, Installed(loop, previous))
        if (old != null) installed[name] = Installed(loop, old.previous)
    }

    fun remove(loop: EventLoopImpl, signal: String): Boolean {
        val name = normalize(signal)
        val current = installed[name] ?: return false
        if (current.loop !== loop) return false
        installed.remove(name)
        sun.misc.Signal.handle(sun.misc.Signal(name), current.previous)
        return true
    }

    private fun normalize(signal: String): String {
        java.util.Objects.requireNonNull(signal, "signal")
        val name = signal.trim().uppercase().removePrefix("SIG")
        if (name.isEmpty()) throw IllegalArgumentException("empty signal name: pass a name such as \"INT\" or \"TERM\"")
        return name
    }
}
