package dev.asyncio4j.kotlin.internal

import java.util.concurrent.atomic.AtomicReference

/**
 * The loop's lock-free inbox for other threads: a Treiber stack of intrusive [HandleImpl] nodes. Producers push
 * with one CAS; the loop takes the whole stack with one swap and reverses it, so each batch is FIFO and a push
 * that happens-before another is run before it.
 */
internal class Inbox {
    private val head = AtomicReference<HandleImpl?>(null)

    fun isEmpty() = head.get() == null

    fun push(h: HandleImpl) {
        while (true) {
            val current = head.get()
            h.next = current
            if (head.compareAndSet(current, h)) return
        }
    }

    /** Moves everything pushed so far, oldest first, to [sink]. */
    inline fun drain(sink: (HandleImpl) -> Unit) {
        var node = head.getAndSet(null) ?: return
        var reversed: HandleImpl? = null
        while (true) {
            val next = node.next
            node.next = reversed
            reversed = node
            node = next ?: break
        }
        var h = reversed
        while (h != null) {
            val next = h.next
            h.next = null
            sink(h)
            h = next
        }
    }
}
