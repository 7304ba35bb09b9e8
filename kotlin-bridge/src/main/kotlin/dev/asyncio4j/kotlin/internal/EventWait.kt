package dev.asyncio4j.kotlin.internal

import java.util.concurrent.locks.LockSupport

/**
 * How a loop waits for events and how other threads wake it: the one seam between the run loop and I/O. A loop
 * without sockets parks ([ParkWait]); while it has sockets it waits in a `java.nio` Selector
 * ([dev.asyncio4j.kotlin.internal.io.SelectorWait]), which also hands the loop its ready I/O.
 *
 * The loop calls [arm], then publishes that it sleeps, then (if its inbox is still empty) [block]; a producer that
 * sees it sleeping calls [wake] once. [wake] before [block] must make [block] return at once.
 */
internal interface EventWait {
    /** Loop side, before it announces that it sleeps. */
    fun arm() {}

    /** Loop side: waits up to [nanos] (negative: without limit) for events or a [wake], then schedules ready I/O. */
    fun block(nanos: Long)

    /** Loop side: schedules ready I/O without waiting (a loop with work ready still polls its sockets). */
    fun poll()

    /** Any thread: ends the current or next [block]. */
    fun wake()
}

/** The cheap wait of a loop with no sockets: park and unpark, no system call on the hot path. */
internal class ParkWait : EventWait {
    @Volatile
    private var waiter: Thread? = null

    override fun arm() {
        waiter = Thread.currentThread()
    }

    override fun block(nanos: Long) {
        if (nanos < 0) LockSupport.park(this) else LockSupport.parkNanos(this, nanos)
    }

    override fun poll() {}

    override fun wake() {
        waiter?.let(LockSupport::unpark)
    }
}
