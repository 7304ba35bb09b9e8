package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.IOException
import java.nio.channels.SelectableChannel
import java.nio.channels.SelectionKey

/**
 * A non-blocking channel registered with its loop's Selector: CPython's `_add_reader`/`_add_writer` bookkeeping.
 * The key is made on the first interest and kept (interest 0 instead of unregistering), so pausing and resuming
 * costs no registration. Loop-confined.
 */
internal abstract class IoChannel(@JvmField val loop: EventLoopImpl, @JvmField val channel: SelectableChannel) {
    private var key: SelectionKey? = null
    private var interest = 0
    private var io: SelectorWait? = null

    /** Called (on the loop, from its wait) with the key's ready operations; schedules the matching callbacks. */
    abstract fun onSelected(readyOps: Int)

    /** The loop closed while this channel was open: close it without calling anyone back. */
    abstract fun closeOnLoopClose()

    fun isInterested(op: Int): Boolean = interest and op != 0

    fun addInterest(op: Int) = setInterest(interest or op)

    fun removeInterest(op: Int) = setInterest(interest and op.inv())

    private fun setInterest(ops: Int) {
        if (ops == interest) return
        interest = ops
        val k = key
        if (k != null) {
            if (k.isValid) k.interestOps(ops)
            return
        }
        if (ops == 0 || !channel.isOpen) return
        val wait = loop.io()
        key = channel.register(wait.selector, ops, this)
        if (io == null) {
            io = wait
            wait.channelOpened()
        }
    }

    /** Takes over [other]'s registration of the same channel (a connect attempt handing its socket to a transport). */
    fun adoptRegistration(other: IoChannel) {
        val k = other.key
        key = k
        io = other.io
        interest = other.interest
        other.key = null
        other.io = null
        other.interest = 0
        k?.attach(this)
    }

    /** Closes the channel (its key is cancelled; the JDK closes the socket at the loop's next select). */
    fun closeChannel() {
        interest = 0
        try {
            channel.close()
        } catch (ignored: IOException) {
            // nothing more to do with it
        }
        val wait = io
        if (wait != null) {
            io = null
            wait.channelClosed()
        }
    }
}
