package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Protocol
import dev.asyncio4j.internal.AwaitedReads
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import dev.asyncio4j.kotlin.internal.VirtualTimeLoop
import java.io.IOException
import java.io.UncheckedIOException
import java.net.InetSocketAddress
import java.net.StandardSocketOptions
import java.nio.channels.SelectionKey
import java.nio.channels.SocketChannel

/**
 * A TCP connection's transport: CPython's `_SelectorSocketTransport`, with its callback order.
 *
 * - Creation schedules `connectionMade`, then the start of reading, then [onMade] (the waiter of
 *   `createConnection`), in one loop callback.
 * - A readable socket gives one `read` per loop iteration into the loop's shared direct buffer, and one fresh
 *   `byte[]` to `dataReceived`. End of file calls `eofReceived`; unless it returns true, the transport closes.
 * - `write` sends at once when nothing is buffered; the rest waits in a queue of arrays until the socket is
 *   writable, with the protocol paused above the high-water mark.
 * - `close` stops reading and, once the buffer is flushed, schedules `connectionLost(null)`; an I/O error or a
 *   failing protocol callback aborts (`_force_close`): the buffer is dropped and `connectionLost(error)` scheduled.
 *   The socket is closed after `connectionLost` returns.
 *
 * - A `StreamReader` waiting for this socket's data ([readerWaits]) is outside work on a virtual-time loop (the
 *   clock waits for the peer instead of jumping), unless the peer's end of the connection is on the same loop.
 *
 * Loop-confined: every method runs on the loop (or a Java body of the loop, which holds the loop's turn).
 */
internal class SocketTransport(
    loop: EventLoopImpl,
    private val socket: SocketChannel,
    protocol: Protocol,
    private val server: SocketServer?,
    private val onMade: Runnable?,
    connecting: IoChannel?,
) : TransportFlowControl(loop), AwaitedReads {
    private val io = object : IoChannel(loop, socket) {
        override fun onSelected(readyOps: Int) {
            if (readyOps and SelectionKey.OP_READ != 0 && isInterested(SelectionKey.OP_READ)) loop.enqueue(readReady)
            if (readyOps and SelectionKey.OP_WRITE != 0 && isInterested(SelectionKey.OP_WRITE)) loop.enqueue(writeReady)
        }

        override fun closeOnLoopClose() {
            closeChannel()
        }
    }

    private var protocol: Protocol? = protocol
    private val readReady = Runnable { readReady() }
    private val writeReady = Runnable { writeReady() }

    /** The write buffer: arrays waiting to be sent, the first one from [headOffset]. */
    private val pending = ArrayDeque<ByteArray>(0)
    private var headOffset = 0
    private var buffered = 0

    /** CPython's `_conn_lost`: set when connectionLost is scheduled; counts ignored writes after that. */
    private var connLost = 0
    private var closing = false
    private var readingPaused = false
    private var eofWritten = false

    private val peer: InetSocketAddress? = remote(socket)
    private val local: InetSocketAddress? = localOf(socket)

    init {
        if (connecting != null) io.adoptRegistration(connecting)
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true)
        } catch (ignored: IOException) {
            // not every socket takes it; only latency suffers
        }
        server?.attach(this)
        loop.enqueue { start() }
    }

    private fun start() {
        val p = protocol
        if (p != null && connLost == 0) {
            try {
                p.connectionMade(this)
            } catch (t: Throwable) {
                if (t is VirtualMachineError) throw t
                loopImpl.callExceptionHandler(ExceptionContext("Exception in callback connection_made of $p", t, null, null))
            }
        }
        // Reading starts only once connectionMade ran.
        if (isReading()) io.addInterest(SelectionKey.OP_READ)
        onMade?.run()
    }

    override fun flowProtocol(): Protocol? = protocol

    // ------------------------------------------------------------------ reading

    private fun readReady() {
        if (connLost != 0 || !io.isInterested(SelectionKey.OP_READ)) return
        val buf = loopImpl.io().readBuffer
        buf.clear()
        val n = try {
            socket.read(buf)
        } catch (e: IOException) {
            fatalError(UncheckedIOException(e), "Fatal read error on socket transport")
            return
        }
        if (n == 0) return
        if (n < 0) {
            onEof()
            return
        }
        val data = ByteArray(n)
        buf.flip()
        buf.get(data)
        try {
            protocol?.dataReceived(data)
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            fatalError(t, "Fatal error: protocol.data_received() call failed.")
        }
    }

    private fun onEof() {
        val keepOpen = try {
            protocol?.eofReceived() ?: false
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            fatalError(t, "Fatal error: protocol.eof_received() call failed.")
            return
        }
        if (keepOpen) {
            // The protocol may still write; nothing more can be read.
            io.removeInterest(SelectionKey.OP_READ)
        } else {
            close()
        }
    }

    /** Reads waiting for data now (one reader, but the next wait may begin before the last one's end is told). */
    private var readerWaits = 0

    override fun readerWaits(waiting: Boolean) {
        if (loopImpl !is VirtualTimeLoop) return
        if (waiting) {
            if (readerWaits++ == 0 && connLost == 0 && !PeerOnLoop.isOnLoop(loopImpl, peer)) {
                loopImpl.outsideWork.begin(this, "a StreamReader waiting for data from $peer (a peer outside the loop)")
            }
        } else if (--readerWaits == 0) {
            loopImpl.outsideWork.end(this)
        }
    }

    override fun pauseReading() {
        if (!isReading()) return
        readingPaused = true
        io.removeInterest(SelectionKey.OP_READ)
    }

    override fun resumeReading() {
        if (closing || !readingPaused) return
        readingPaused = false
        io.addInterest(SelectionKey.OP_READ)
    }

    override fun isReading(): Boolean = !closing && !readingPaused

    // ------------------------------------------------------------------ writing

    override fun write(data: ByteArray) {
        java.util.Objects.requireNonNull(data, "data")
        if (eofWritten) throw IllegalStateException("Cannot call write() after write_eof()")
        if (data.isEmpty()) return
        if (connLost != 0) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                EventLoopImpl.LOGGER.log(System.Logger.Level.WARNING, "socket.send() raised exception.")
            }
            connLost++
            return
        }
        var offset = 0
        if (buffered == 0) {
            // Most writes go out at once.
            offset = try {
                send(data, 0)
            } catch (e: IOException) {
                fatalError(UncheckedIOException(e), "Fatal write error on socket transport")
                return
            }
            if (offset == data.size) return
            io.addInterest(SelectionKey.OP_WRITE)
        }
        pending.addLast(if (offset == 0) data.copyOf() else data.copyOfRange(offset, data.size))
        buffered += data.size - offset
        maybePauseProtocol()
    }

    /** Sends `data[offset..]` until the socket takes no more; returns the new offset. */
    private fun send(data: ByteArray, offset: Int): Int {
        val buf = loopImpl.io().writeBuffer
        var off = offset
        while (off < data.size) {
            buf.clear()
            val chunk = minOf(buf.capacity(), data.size - off)
            buf.put(data, off, chunk)
            buf.flip()
            val n = socket.write(buf)
            off += n
            if (n < chunk) break
        }
        return off
    }

    private fun writeReady() {
        if (connLost != 0 || !io.isInterested(SelectionKey.OP_WRITE)) return
        try {
            flushPending()
        } catch (e: IOException) {
            io.removeInterest(SelectionKey.OP_WRITE)
            clearPending()
            fatalError(UncheckedIOException(e), "Fatal write error on socket transport")
            return
        }
        maybeResumeProtocol() // may write more
        if (buffered == 0) {
            io.removeInterest(SelectionKey.OP_WRITE)
            if (closing) {
                callConnectionLost(null)
            } else if (eofWritten) {
                shutdownOutput()
            }
        }
    }

    private fun flushPending() {
        val buf = loopImpl.io().writeBuffer
        while (pending.isNotEmpty()) {
            // Gather what fits into the shared buffer, then one write.
            buf.clear()
            var off = headOffset
            for (chunk in pending) {
                val n = minOf(buf.remaining(), chunk.size - off)
                buf.put(chunk, off, n)
                off = 0
                if (!buf.hasRemaining()) break
            }
            buf.flip()
            val wanted = buf.remaining()
            val sent = socket.write(buf)
            consume(sent)
            if (sent < wanted) return
        }
    }

    private fun consume(count: Int) {
        var left = count
        buffered -= count
        while (left > 0) {
            val head = pending.first()
            val avail = head.size - headOffset
            if (left >= avail) {
                pending.removeFirst()
                headOffset = 0
                left -= avail
            } else {
                headOffset += left
                left = 0
            }
        }
    }

    private fun clearPending() {
        pending.clear()
        headOffset = 0
        buffered = 0
    }

    override fun getWriteBufferSize(): Int = buffered

    override fun canWriteEof(): Boolean = true

    override fun writeEof() {
        if (closing || eofWritten) return
        eofWritten = true
        if (buffered == 0) shutdownOutput()
    }

    private fun shutdownOutput() {
        try {
            socket.shutdownOutput()
        } catch (e: IOException) {
            fatalError(UncheckedIOException(e), "Fatal error on shutdown of the socket's output")
        }
    }

    // ------------------------------------------------------------------ closing

    override fun isClosing(): Boolean = closing

    override fun close() {
        if (closing) return
        closing = true
        io.removeInterest(SelectionKey.OP_READ)
        if (buffered == 0) {
            connLost++
            io.removeInterest(SelectionKey.OP_WRITE)
            loopImpl.enqueue { callConnectionLost(null) }
        }
    }

    override fun abort() = forceClose(null)

    /** Aborts with [error] as the reason `connectionLost` gets (a TLS layer failing the connection). */
    fun abortWith(error: Throwable) = forceClose(error)

    /** CPython's `_fatal_error`: report what is not an I/O error, then abort with it. */
    private fun fatalError(error: Throwable, message: String) {
        if (error !is UncheckedIOException) {
            loopImpl.callExceptionHandler(ExceptionContext("$message ($this, protocol $protocol)", error, null, null))
        } else if (loopImpl.isDebug) {
            EventLoopImpl.LOGGER.log(System.Logger.Level.DEBUG, "$this: $message", error)
        }
        forceClose(error)
    }

    /** CPython's `_force_close`. */
    private fun forceClose(error: Throwable?) {
        if (connLost != 0) return
        if (buffered != 0) {
            clearPending()
            io.removeInterest(SelectionKey.OP_WRITE)
        }
        if (!closing) {
            closing = true
            io.removeInterest(SelectionKey.OP_READ)
        }
        connLost++
        loopImpl.enqueue { callConnectionLost(error) }
    }

    private fun callConnectionLost(error: Throwable?) {
        val p = protocol
        try {
            p?.connectionLost(error)
        } finally {
            io.closeChannel()
            loopImpl.outsideWork.end(this)
            protocol = null
            server?.detach(this)
        }
    }

    /** The server closed this client (`closeClients`/`abortClients`) or the loop closed under it. */
    fun closeOnLoopClose() {
        io.closeChannel()
        loopImpl.outsideWork.end(this)
    }

    override fun peerAddress(): InetSocketAddress? = peer

    override fun localAddress(): InetSocketAddress? = local

    override fun toString(): String {
        val state = when {
            !socket.isOpen -> " closed"
            closing -> " closing"
            else -> ""
        }
        return "<SocketTransport$state local=$local peer=$peer read=${if (io.isInterested(SelectionKey.OP_READ)) "polling" else "idle"} " +
            "write=<${if (io.isInterested(SelectionKey.OP_WRITE)) "polling" else "idle"}, bufsize=$buffered>>"
    }

    companion object {
        /** CPython's `constants.LOG_THRESHOLD_FOR_CONNLOST_WRITES`. */
        const val LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5

        fun remote(s: SocketChannel): InetSocketAddress? = try {
            s.remoteAddress as? InetSocketAddress
        } catch (e: IOException) {
            null
        }

        fun localOf(s: SocketChannel): InetSocketAddress? = try {
            s.localAddress as? InetSocketAddress
        } catch (e: IOException) {
            null
        }
    }
}
