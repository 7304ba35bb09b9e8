package dev.asyncio4j.kotlin.internal

/**
 * The JDK's signal API (`sun.misc.Signal`, module jdk.unsupported), kept in one place so that nothing touches those
 * classes unless [Signals.available] said they are there. Previous handlers are passed around as [Any] for the
 * same reason.
 */
internal object SignalApi {
    /** A handler object for [install], whose [body] runs on the JVM's signal thread. */
    fun newHandler(body: Runnable): Any = sun.misc.SignalHandler { body.run() }

    /**
     * Installs a handler made by [newHandler] (or one [install] returned earlier) for the signal [name] and returns
     * the handler it replaced.
     *
     * @throws IllegalArgumentException for an unknown signal or one the VM or OS keeps for itself
     */
    fun install(name: String, handler: Any): Any =
        sun.misc.Signal.handle(sun.misc.Signal(name), handler as sun.misc.SignalHandler)

    /** Puts back a handler [install] returned. */
    fun restore(name: String, previous: Any) {
        install(name, previous)
    }

    /** Whether a handler [install] returned is the JVM's own (Ctrl+C ends the JVM with status 128 + signal). */
    fun isJvmDefault(previous: Any): Boolean =
        previous === sun.misc.SignalHandler.SIG_DFL || previous.javaClass.name == "sun.misc.Signal\$SunMiscHandler"

    /** Whether a handler [install] returned means the signal is ignored (a background job, `nohup`). */
    fun isIgnored(previous: Any): Boolean = previous === sun.misc.SignalHandler.SIG_IGN

    /** Does what [previous] would have done with the signal [name]: the JVM's default, an older handler, nothing. */
    fun forward(name: String, previous: Any) {
        val signal = sun.misc.Signal(name)
        when {
            previous === sun.misc.SignalHandler.SIG_IGN -> return
            previous === sun.misc.SignalHandler.SIG_DFL -> {
                sun.misc.Signal.handle(signal, sun.misc.SignalHandler.SIG_DFL)
                sun.misc.Signal.raise(signal)
            }
            else -> (previous as sun.misc.SignalHandler).handle(signal)
        }
    }
}
