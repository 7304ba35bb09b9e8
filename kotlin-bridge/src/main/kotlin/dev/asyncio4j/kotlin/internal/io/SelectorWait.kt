package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.kotlin.internal.EventLoopImpl
import dev.asyncio4j.kotlin.internal.EventWait
import java.io.IOException
import java.io.UncheckedIOException
import java.nio.ByteBuffer
import java.nio.channels.SelectionKey
import java.nio.channels.Selector
import java.util.function.Consumer

/**
 * The wait of a loop with sockets open (CPython's `BaseSelectorEventLoop`): the loop blocks in its own
 * `java.nio` [Selector] with the next timer's deadline as timeout, and `callSoonThreadsafe` wakes it with
 * [Selector.wakeup] (only when the loop is actually blocked: the loop's `sleeping` flag guards the call). Ready keys
 * are handed to their [IoChannel]s, which put their callbacks on the loop's ready queue, as CPython's
 * `_process_events` does.
 *
 * It also owns what every connection of the loop shares: one direct read buffer and one direct write buffer (a
 * connection copies into or out of them, so no buffer is held per connection, and the JDK needs no temporary
 * direct buffer per thread).
 *
 * Loop-confined, except [wake]. The loop switches to this wait when its first channel registers and back to
 * parking once the last one closed (after one more `selectNow`, which lets the JDK finish closing the sockets
 * deregistered from the Selector).
 */
internal class SelectorWait(private val loop: EventLoopImpl) : EventWait {
    val selector: Selector = try {
        Selector.open()
    } catch (e: IOException) {
        throw UncheckedIOException("cannot open a Selector for the event loop", e)
    }

    /** Shared read buffer: what one `read` may bring (CPython's `max_size`, 256 KiB). */
    @JvmField
    val readBuffer: ByteBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE)

    /** Shared write buffer: what one `write` may send. */
    @JvmField
    val writeBuffer: ByteBuffer = ByteBuffer.allocateDirect(BUFFER_SIZE)

    private var channels = 0
    private var sslApp: ByteBuffer? = null
    private var sslNet: ByteBuffer? = null

    /** Shared scratch for TLS plaintext, at least [min] bytes (its content does not survive the caller's turn). */
    fun sslAppBuffer(min: Int): ByteBuffer {
        val b = sslApp
        if (b != null && b.capacity() >= min) return b
        return ByteBuffer.allocate(maxOf(min, 32 * 1024)).also { sslApp = it }
    }

    /** Shared scratch for TLS records, at least [min] bytes. */
    fun sslNetBuffer(min: Int): ByteBuffer {
        val b = sslNet
        if (b != null && b.capacity() >= min) return b
        return ByteBuffer.allocate(maxOf(min, 32 * 1024)).also { sslNet = it }
    }

    private val dispatch = Consumer<SelectionKey> { key ->
        val ch = key.attachment() as IoChannel
        if (key.isValid) ch.onSelected(key.readyOps())
    }

    /** A channel registered: from now on the loop waits here. */
    fun channelOpened() {
        channels++
        if (loop.events !== this) loop.events = this
    }

    /** A registered channel closed. */
    fun channelClosed() {
        channels--
    }

    override fun arm(): EventWait {
        if (channels == 0) {
            switchToParking()
            return loop.parkWait.arm()
        }
        return this
    }

    override fun block(nanos: Long) {
        if (nanos < 0) {
            selector.select(dispatch)
        } else {
            // select() counts whole milliseconds (and 0 means forever): round up, so a timer is never missed early.
            selector.select(dispatch, ((nanos + 999_999) / 1_000_000).coerceAtLeast(1))
        }
    }

    override fun poll() {
        if (channels == 0) {
            switchToParking()
            return
        }
        selector.selectNow(dispatch)
    }

    override fun wake() {
        selector.wakeup()
    }

    private fun switchToParking() {
        selector.selectNow() // flush cancelled keys: the JDK closes a deregistered socket here
        loop.events = loop.parkWait
    }

    /** The loop closed: close every channel still registered, then the Selector. */
    fun close() {
        for (key in selector.keys().toList()) {
            (key.attachment() as? IoChannel)?.closeOnLoopClose()
        }
        try {
            selector.selectNow()
            selector.close()
        } catch (ignored: IOException) {
            // closing anyway
        }
        if (loop.events === this) loop.events = loop.parkWait
    }

    companion object {
        const val BUFFER_SIZE = 256 * 1024
    }
}
