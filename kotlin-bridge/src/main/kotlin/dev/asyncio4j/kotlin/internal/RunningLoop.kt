package dev.asyncio4j.kotlin.internal

/**
 * Which loop is running "on" the calling thread (Python's `_get_running_loop()`): the running loop whose turn the
 * thread holds — the loop's carrier between steps, a Java body's thread during its step. Found by comparing each
 * running loop's [EventLoopImpl.owner] with the calling thread rather than through a ThreadLocal, so that body threads
 * carry no ThreadLocal of ours (one per Task is memory, and a reference from a parked thread to its loop would keep a
 * dropped loop reachable). Few loops run at once in a JVM; the array is replaced on each start and stop.
 */
internal object RunningLoop {
    @Volatile
    private var running: Array<EventLoopImpl> = emptyArray()

    fun get(): EventLoopImpl? {
        val me = Thread.currentThread()
        for (loop in running) {
            if (loop.owner === me) return loop
        }
        return null
    }

    @Synchronized
    fun enter(loop: EventLoopImpl) {
        running = running + loop
    }

    @Synchronized
    fun exit(loop: EventLoopImpl) {
        running = running.filter { it !== loop }.toTypedArray()
    }
}
