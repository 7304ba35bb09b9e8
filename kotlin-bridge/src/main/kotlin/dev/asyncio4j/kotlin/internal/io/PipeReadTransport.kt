package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Protocol
import dev.asyncio4j.Transport
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.IOException
import java.io.InputStream
import java.io.UncheckedIOException
import java.net.InetSocketAddress
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.locks.LockSupport

/**
 * The read end of a child process's pipe (stdout or stderr): CPython's `_UnixReadPipeTransport`, over a JDK stream
 * that only blocks. A pump thread ([PipeThreads]) reads and hands each chunk to the loop with `callSoonThreadsafe`;
 * on the loop the chunk goes to the protocol's `dataReceived`, end of file to `connectionLost(null)`, a read error
 * to `connectionLost(UncheckedIOException)`.
 *
 * Flow control: the pump reads only while the transport is not paused (the reader pauses it above twice its limit)
 * and while less than [WINDOW] bytes are on their way to the loop, so a child writing faster than the loop reads
 * costs at most `2 * limit + WINDOW` bytes of memory; the pipe then fills and the child blocks, as in CPython.
 *
 * The stream is only ever closed by the pump, between reads (closing a file descriptor another thread reads could
 * hand its number to a new file): [close] tells the pump, which closes after its current read returns.
 *
 * Loop-confined, except the fields the pump shares (volatile or atomic).
 */
internal class PipeReadTransport(
    private val loop: EventLoopImpl,
    private val input: InputStream,
    protocol: Protocol,
    private val name: String,
) : Transport {
    private var protocol: Protocol? = protocol
    private var closing = false
    private var paused = false
    private val reading = loop.outsideWork.Slot()

    // Shared with the pump.
    @Volatile
    private var stopPump = false

    @Volatile
    private var pausedForPump = false

    @Volatile
    private var pumpWaiting = false

    @Volatile
    private var pump: Thread? = null
    private val inFlight = AtomicInteger()

    init {
        protocol.connectionMade(this)
    }

    /**
     * Starts the pump. On the loop, after the process's protocol is connected.
     *
     * @throws Throwable when its thread cannot be started (the transport then counts no outside work)
     */
    fun start() {
        reading.set(true)
        try {
            PipeThreads.start("asyncio4j-pipe-$name") { pumpLoop() }
        } catch (t: Throwable) {
            reading.set(false)
            throw t
        }
    }

    // ------------------------------------------------------------------ the pump (its own thread)

    private fun pumpLoop() {
        pump = Thread.currentThread()
        var buf = ByteArray(FIRST_CHUNK)
        try {
            while (awaitTurn()) {
                val n = input.read(buf)
                if (n < 0) {
                    post { onEof() }
                    return
                }
                if (n == 0) continue
                val chunk = buf.copyOf(n)
                // A full buffer means more is flowing: read bigger chunks (fewer hand-offs per megabyte).
                if (n == buf.size && buf.size < MAX_CHUNK) buf = ByteArray(buf.size * 4)
                inFlight.addAndGet(n)
                if (!post { deliver(chunk) }) return
            }
        } catch (e: IOException) {
            if (!stopPump) post { onReadError(e) }
        } catch (t: Throwable) {
            if (!post { onReadError(t) }) throw t
        } finally {
            try {
                input.close()
            } catch (ignored: IOException) {
                // nothing left to tell anybody
            }
        }
    }

    /** Waits until the loop wants data and has room for it; false once the transport is closed. */
    private fun awaitTurn(): Boolean {
        while (true) {
            if (stopPump) return false
            if (!pausedForPump && inFlight.get() < WINDOW) return true
            pumpWaiting = true
            // Checked again after publishing that we wait, so a resume from the loop cannot slip in between.
            if (stopPump || (!pausedForPump && inFlight.get() < WINDOW)) {
                pumpWaiting = false
                continue
            }
            LockSupport.park(this)
            pumpWaiting = false
        }
    }

    private fun post(r: Runnable): Boolean = loop.postFromPump(r)

    private fun wakePump() {
        if (pumpWaiting) pump?.let(LockSupport::unpark)
    }

    // ------------------------------------------------------------------ the loop

    private fun deliver(chunk: ByteArray) {
        inFlight.addAndGet(-chunk.size)
        wakePump()
        if (closing) return
        try {
            protocol?.dataReceived(chunk)
        } catch (t: Throwable) {
            if (t is VirtualMachineError && t !is StackOverflowError) throw t
            fatalError(t, "Fatal error: protocol.data_received() call failed.")
        }
    }

    private fun onEof() {
        if (closing) return
        closing = true
        reading.set(false)
        protocol?.eofReceived()
        loop.enqueue { callConnectionLost(null) }
    }

    private fun onReadError(e: Throwable) {
        if (closing) return
        fatalError(if (e is IOException) UncheckedIOException(e) else e, "Fatal read error on pipe transport")
    }

    private fun fatalError(error: Throwable, message: String) {
        if (error !is UncheckedIOException) {
            loop.callExceptionHandler(ExceptionContext("$message ($this)", error, null, null))
        }
        closeWith(error)
    }

    private fun closeWith(error: Throwable?) {
        closing = true
        reading.set(false)
        stopPump = true
        wakePump()
        loop.enqueue { callConnectionLost(error) }
    }

    private fun callConnectionLost(error: Throwable?) {
        val p = protocol ?: return
        protocol = null
        p.connectionLost(error)
    }

    override fun pauseReading() {
        if (closing || paused) return
        paused = true
        pausedForPump = true
        reading.set(false)
    }

    override fun resumeReading() {
        if (closing || !paused) return
        paused = false
        pausedForPump = false
        reading.set(true)
        wakePump()
    }

    override fun isReading(): Boolean = !closing && !paused

    /** Stops reading: the protocol gets `connectionLost(null)` on a later iteration; the pump closes the pipe. */
    override fun close() {
        if (!closing) closeWith(null)
    }

    /** The same as [close]: nothing is buffered on this side. */
    override fun abort() = close()

    override fun isClosing(): Boolean = closing

    override fun write(data: ByteArray) = throw UnsupportedOperationException("$name is a read pipe: it cannot be written")

    override fun canWriteEof(): Boolean = false

    override fun writeEof() = throw UnsupportedOperationException("$name is a read pipe: it has no write side")

    override fun getWriteBufferSize(): Int = 0

    override fun setWriteBufferLimits(high: Int, low: Int) =
        throw UnsupportedOperationException("$name is a read pipe: it has no write buffer")

    override fun peerAddress(): InetSocketAddress? = null

    override fun localAddress(): InetSocketAddress? = null

    override fun toString(): String =
        "<PipeReadTransport $name" + (if (closing) " closing" else if (paused) " paused" else "") + ">"

    companion object {
        /** The first read's size; it grows 4x while reads fill it, up to [MAX_CHUNK]. */
        const val FIRST_CHUNK = 4096

        /** The largest chunk: a Linux pipe's default capacity. */
        const val MAX_CHUNK = 65536

        /** At most this many bytes read but not yet delivered on the loop. */
        const val WINDOW = 4 * MAX_CHUNK
    }
}
