package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Protocol
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.IOException
import java.io.OutputStream
import java.io.UncheckedIOException
import java.net.InetSocketAddress
import java.util.concurrent.LinkedBlockingQueue

/**
 * The write end of a child process's stdin pipe: CPython's `_UnixWritePipeTransport`, over a JDK stream that only
 * blocks. [write] never blocks: it queues a copy of the bytes for a pump thread ([PipeThreads], started at the first
 * write), which writes them and tells the loop how many went out; the write buffer is what the pump has not written
 * yet, and the protocol is paused above its high-water mark ([TransportFlowControl]).
 *
 * [close] (= [writeEof]) closes the pipe once the queued bytes are written, then calls `connectionLost(null)`; a
 * write error aborts with `connectionLost(UncheckedIOException)`. The stream is only closed by the pump (or on the
 * loop while no pump exists), never while another thread writes it.
 *
 * Loop-confined; the queue is the only thing the pump shares.
 */
internal class PipeWriteTransport(
    loop: EventLoopImpl,
    private val output: OutputStream,
    protocol: Protocol,
    private val name: String,
) : TransportFlowControl(loop) {
    private var protocol: Protocol? = protocol
    private val queue = LinkedBlockingQueue<Any>()
    private var pumpStarted = false
    private var buffered = 0
    private var closing = false
    private var closeQueued = false

    /** CPython's `_conn_lost`: set once connectionLost is scheduled; counts the writes ignored after that. */
    private var connLost = 0
    private val writing = loopImpl.outsideWork.Slot()

    init {
        protocol.connectionMade(this)
    }

    override fun flowProtocol(): Protocol? = protocol

    override fun write(data: ByteArray) {
        java.util.Objects.requireNonNull(data, "data")
        if (data.isEmpty()) return
        if (connLost != 0 || closing) {
            if (connLost >= SocketTransport.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                EventLoopImpl.LOGGER.log(System.Logger.Level.WARNING, "pipe closed by peer or write raised exception.")
            }
            connLost++
            return
        }
        if (!pumpStarted && !startPump()) return
        buffered += data.size
        writing.set(true)
        queue.add(data.copyOf())
        maybePauseProtocol()
    }

    private fun startPump(): Boolean {
        pumpStarted = true
        return try {
            PipeThreads.start("asyncio4j-pipe-$name") { pumpLoop() }
            true
        } catch (t: Throwable) {
            if (t is VirtualMachineError && t !is OutOfMemoryError) throw t
            // No thread, so nobody holds the stream: close it here.
            closeStream()
            fatalError(t, "Cannot start the writer thread of $name")
            false
        }
    }

    // ------------------------------------------------------------------ the pump (its own thread)

    private fun pumpLoop() {
        try {
            while (true) {
                var next: Any? = queue.take()
                var written = 0
                while (next is ByteArray) {
                    var off = 0
                    while (off < next.size) {
                        val n = minOf(SLICE, next.size - off)
                        output.write(next, off, n)
                        off += n
                        written += n
                        if (written >= SLICE) {
                            // Report progress slice by slice, so a large write resumes the protocol early.
                            output.flush()
                            if (!post(written)) return
                            written = 0
                        }
                    }
                    next = queue.poll()
                }
                if (written > 0) {
                    output.flush()
                    if (!post(written)) return
                }
                when {
                    next === CLOSE -> {
                        output.close()
                        postRunnable { onClosed() }
                        return
                    }
                    next === ABORT -> return
                }
            }
        } catch (e: IOException) {
            postRunnable { onWriteError(e) }
        } catch (e: InterruptedException) {
            // Nobody interrupts a pump; if somebody does, stop and let close() below break the pipe.
        } finally {
            closeStream()
        }
    }

    private fun post(written: Int): Boolean = postRunnable { onWritten(written) }

    private fun postRunnable(r: Runnable): Boolean = loopImpl.postFromPump(r)

    private fun closeStream() {
        try {
            output.close()
        } catch (ignored: IOException) {
            // the pipe is going anyway
        }
    }

    // ------------------------------------------------------------------ the loop

    private fun onWritten(n: Int) {
        if (connLost != 0) return
        buffered -= n
        if (buffered == 0 && !closeQueued) writing.set(false)
        maybeResumeProtocol()
    }

    private fun onClosed() {
        writing.set(false)
        if (connLost != 0) return
        connLost++
        callConnectionLost(null)
    }

    private fun onWriteError(e: IOException) {
        if (connLost != 0) return
        fatalError(UncheckedIOException(e), "Fatal write error on pipe transport")
    }

    private fun fatalError(error: Throwable, message: String) {
        if (error !is UncheckedIOException) {
            loopImpl.callExceptionHandler(ExceptionContext("$message ($this)", error, null, null))
        }
        forceClose(error)
    }

    /** CPython's `_close(exc)`: drops the buffer, stops the pump, schedules `connectionLost(error)`. */
    private fun forceClose(error: Throwable?) {
        if (connLost != 0) return
        closing = true
        connLost++
        buffered = 0
        writing.set(false)
        queue.clear()
        if (pumpStarted) queue.add(ABORT) else closeStream()
        loopImpl.enqueue { callConnectionLost(error) }
    }

    private fun callConnectionLost(error: Throwable?) {
        val p = protocol ?: return
        protocol = null
        p.connectionLost(error)
    }

    override fun getWriteBufferSize(): Int = buffered

    override fun canWriteEof(): Boolean = true

    /** Closes the pipe once the queued bytes are written (a pipe has no half-close: this is [close]). */
    override fun writeEof() {
        if (closing) return
        closing = true
        if (!pumpStarted) {
            // Nothing was ever written, so no thread holds the stream: close it here, at once.
            closeStream()
            connLost++
            loopImpl.enqueue { callConnectionLost(null) }
            return
        }
        closeQueued = true
        writing.set(true)
        queue.add(CLOSE)
    }

    override fun close() = writeEof()

    override fun abort() = forceClose(null)

    /**
     * The child exited, so the pipe's read end is gone (CPython sees the pipe become readable): close cleanly when
     * everything queued was written; bytes still queued then fail the pump with the JDK's "Stream closed" / "Broken
     * pipe", which aborts with that error.
     */
    fun peerClosed() {
        if (connLost != 0 || closing) return
        writeEof()
    }

    override fun isClosing(): Boolean = closing

    override fun pauseReading() = throw UnsupportedOperationException("$name is a write pipe: it cannot be read")

    override fun resumeReading() = throw UnsupportedOperationException("$name is a write pipe: it cannot be read")

    override fun isReading(): Boolean = false

    override fun peerAddress(): InetSocketAddress? = null

    override fun localAddress(): InetSocketAddress? = null

    override fun toString(): String =
        "<PipeWriteTransport $name" + (if (closing) " closing" else "") + (if (buffered > 0) " buffered=$buffered" else "") + ">"

    private companion object {
        /** How much the pump writes before it tells the loop (a Linux pipe's default capacity). */
        const val SLICE = 65536
        val CLOSE = Any()
        val ABORT = Any()
    }
}
