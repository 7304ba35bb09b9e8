package dev.asyncio4j.kotlin.internal

import java.util.concurrent.locks.LockSupport

/**
 * How a loop waits for events and how other threads wake it: the one seam between the run loop and I/O. A loop
 * without sockets parks ([ParkWait]); while it has sockets it waits in a `java.nio` Selector
 * ([dev.asyncio4j.kotlin.internal.io.SelectorWait]), which also hands the loop its ready I/O.
 *
 * The loop calls [arm] (which names the wait to use: a Selector wait whose last socket closed hands back the park
 * wait), then publishes that it sleeps, then (if its inbox is still empty) calls [block] on that wait; a producer
 * that sees it sleeping calls [wake] once on the loop's current wait. [wake] before [block] must make [block]
 * return at once. The loop never changes its wait while it sleeps.
 */
internal interface EventWait {
    /** Loop side, before it announces that it sleeps: readies and returns the wait to block in. */
    fun arm(): EventWait = this

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

    override fun arm(): EventWait {
        waiter = Thread.currentThread()
        return this
    }

    override fun block(nanos: Long) {
        if (nanos < 0) LockSupport.park(this) else LockSupport.parkNanos(this, nanos)
    }

    override fun poll() {}

    override fun wake() {
        waiter?.let(LockSupport::unpark)
    }
}
