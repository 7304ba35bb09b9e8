package dev.asyncio4j.kotlin.internal

import java.util.concurrent.CountDownLatch

/*
 * Waits an interrupt does not cut short. Used where the runtime must see something end before it may go on (a loop
 * closing after its threads, a LoopGroup shutting down): giving up early would leave a thread running on state that
 * is being torn down. An interrupt that arrives meanwhile is kept: the flag is set again when the wait is over.
 * Thread-safe; callable from any thread.
 */

/** Waits until [thread] ends, ignoring interrupts until then and re-asserting one that came. */
internal fun joinUninterruptibly(thread: Thread) = waitUninterruptibly { thread.join() }

/** Waits until [latch] reaches zero, ignoring interrupts until then and re-asserting one that came. */
internal fun awaitUninterruptibly(latch: CountDownLatch) = waitUninterruptibly { latch.await() }

private inline fun waitUninterruptibly(wait: () -> Unit) {
    var interrupted = false
    while (true) {
        try {
            wait()
            break
        } catch (e: InterruptedException) {
            interrupted = true
        }
    }
    if (interrupted) Thread.currentThread().interrupt()
}
