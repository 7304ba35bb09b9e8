package dev.asyncio4j.kotlin.internal

/**
 * Which loop is running "on" the calling thread: the loop's carrier thread, and each Java coroutine body thread of
 * that loop. Python's `_get_running_loop()`.
 */
internal object RunningLoop {
    private val current = ThreadLocal<EventLoopImpl?>()

    fun get(): EventLoopImpl? = current.get()

    fun set(loop: EventLoopImpl?) {
        if (loop == null) current.remove() else current.set(loop)
    }
}
