package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Protocol
import dev.asyncio4j.TimerHandle
import dev.asyncio4j.Transport
import dev.asyncio4j.internal.AwaitedReads
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.UncheckedIOException
import java.net.InetSocketAddress
import java.net.SocketException
import java.nio.ByteBuffer
import javax.net.ssl.SNIHostName
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLEngine
import javax.net.ssl.SSLEngineResult
import javax.net.ssl.SSLException
import javax.net.ssl.SSLHandshakeException
import javax.net.ssl.SSLSession

/**
 * TLS as a layer between a [SocketTransport] and the application's protocol: CPython's `sslproto.SSLProtocol`,
 * over a `javax.net.ssl.SSLEngine`. To the socket transport it is the protocol; to the application it offers
 * [appTransport].
 *
 * - The handshake starts at `connectionMade`; a timer aborts it after the handshake timeout. The application's
 *   `connectionMade` runs once it completed, then [onHandshake] is told (with the failure instead, wrapped in
 *   [UncheckedIOException]). A client verifies the peer's certificate chain and host name (endpoint identification
 *   `"HTTPS"`, skipped only for an empty host name) and sends SNI for a host name.
 * - Application writes before the handshake completed are queued and sent after it.
 * - Closing sends close_notify and waits (up to [SHUTDOWN_TIMEOUT]) for the peer's before closing the socket; a
 *   close_notify from the peer gives the application `eofReceived` (its answer is ignored, as in Python) and closes.
 *   An end of file without close_notify is taken as the peer closing, as CPython does.
 *
 * Loop-confined.
 */
internal class SslProtocol(
    private val loop: EventLoopImpl,
    private var app: Protocol?,
    private val context: SSLContext,
    private val serverSide: Boolean,
    private val hostname: String?,
    private val port: Int,
    private val handshakeTimeout: Double,
    private val onHandshake: (Throwable?) -> Unit,
) : Protocol {
    private enum class State { INIT, HANDSHAKE, WRAPPED, SHUTDOWN, UNWRAPPED }

    private var state = State.INIT
    private lateinit var raw: SocketTransport
    private lateinit var engine: SSLEngine
    private var inbound: ByteBuffer = EMPTY
    private var queued: ArrayList<ByteArray>? = null
    private var queuedBytes = 0
    private var appConnected = false
    private var appClosed = false
    private var timer: TimerHandle? = null
    private var handshakeReported = false

    /** The transport the application sees. */
    val appTransport: Transport = AppTransport()

    // ------------------------------------------------------------------ raw side (Protocol)

    override fun connectionMade(transport: Transport) {
        raw = transport as SocketTransport
        engine = if (serverSide) {
            context.createSSLEngine().also { it.useClientMode = false }
        } else {
            val name = hostname?.takeIf { it.isNotEmpty() }
            context.createSSLEngine(name, port).also { e ->
                e.useClientMode = true
                val params = e.sslParameters
                if (name != null) {
                    params.endpointIdentificationAlgorithm = "HTTPS"
                    if (!Resolver.isLiteral(name)) params.serverNames = listOf(SNIHostName(name))
                }
                e.sslParameters = params
            }
        }
        state = State.HANDSHAKE
        // A client's handshake counts with its connect (Connector); an accepted connection's counts here.
        if (serverSide) loop.outsideWork.begin(this, "the TLS handshake of a connection from ${raw.peerAddress()}")
        timer = loop.callLater(handshakeTimeout) {
            if (state == State.HANDSHAKE) {
                fatalError(
                    UncheckedIOException(SSLHandshakeException("SSL handshake is taking longer than $handshakeTimeout seconds: aborting the connection")),
                    null,
                )
            }
        }
        try {
            engine.beginHandshake()
        } catch (e: SSLException) {
            handshakeComplete(e)
            return
        }
        doHandshake()
    }

    override fun dataReceived(data: ByteArray) {
        if (state == State.UNWRAPPED || state == State.INIT) return
        appendInbound(data)
        when (state) {
            State.HANDSHAKE -> doHandshake()
            State.WRAPPED, State.SHUTDOWN -> doRead()
            else -> {}
        }
    }

    override fun eofReceived(): Boolean {
        when (state) {
            State.HANDSHAKE -> handshakeComplete(SocketException("Connection lost during the TLS handshake (end of file)"))
            State.WRAPPED -> {
                // No close_notify came: take the end of file as the peer closing, as CPython does.
                try {
                    engine.closeInbound()
                } catch (ignored: SSLException) {
                    // "possible truncation attack": CPython accepts a bare end of file too
                }
                callEofReceived()
                state = State.SHUTDOWN
                cancelTimer()
            }
            else -> {}
        }
        return false
    }

    override fun connectionLost(error: Throwable?) {
        val wasHandshaking = state == State.HANDSHAKE || state == State.INIT
        state = State.UNWRAPPED
        queued = null
        cancelTimer()
        appClosed = true
        if (wasHandshaking) {
            reportHandshake(error ?: UncheckedIOException(SocketException("Connection lost during the TLS handshake")))
        } else if (appConnected) {
            appConnected = false
            val p = app
            app = null
            p?.connectionLost(error)
        }
    }

    override fun pauseWriting() {
        if (appConnected) app?.pauseWriting()
    }

    override fun resumeWriting() {
        if (appConnected) app?.resumeWriting()
    }

    // ------------------------------------------------------------------ handshake

    private fun doHandshake() {
        try {
            while (state == State.HANDSHAKE) {
                when (engine.handshakeStatus) {
                    SSLEngineResult.HandshakeStatus.NEED_WRAP -> wrapAndSend(EMPTY)
                    SSLEngineResult.HandshakeStatus.NEED_UNWRAP, SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN -> {
                        val r = unwrap()
                        if (r.status == SSLEngineResult.Status.BUFFER_UNDERFLOW) return
                        if (r.status == SSLEngineResult.Status.CLOSED) {
                            throw SSLHandshakeException("the peer closed the connection during the TLS handshake")
                        }
                        if (r.bytesProduced() > 0) stashEarlyData(r.bytesProduced())
                    }
                    SSLEngineResult.HandshakeStatus.NEED_TASK -> runDelegatedTasks()
                    else -> {
                        handshakeComplete(null)
                        return
                    }
                }
            }
        } catch (e: SSLException) {
            handshakeComplete(e)
        }
    }

    private var early: ByteArray? = null

    /** Application data that came in the same read as the handshake's last message. */
    private fun stashEarlyData(n: Int) {
        val out = loop.io().sslAppBuffer(0)
        val bytes = ByteArray(n)
        out.flip()
        out.get(bytes)
        early = early?.plus(bytes) ?: bytes
    }

    private fun handshakeComplete(error: Throwable?) {
        cancelTimer()
        if (error != null) {
            val wrapped = if (error is java.io.IOException) UncheckedIOException(error) else error
            state = State.UNWRAPPED
            reportHandshake(wrapped)
            raw.abortWith(wrapped)
            return
        }
        state = State.WRAPPED
        appConnected = true
        val p = app
        try {
            p?.connectionMade(appTransport)
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            loop.callExceptionHandler(ExceptionContext("Exception in callback connection_made of $p", t, null, null))
        }
        reportHandshake(null)
        val q = queued
        queued = null
        queuedBytes = 0
        q?.forEach { appWrite(it) }
        early?.let {
            early = null
            deliver(it)
        }
        doRead()
    }

    private fun reportHandshake(error: Throwable?) {
        if (handshakeReported) return
        handshakeReported = true
        loop.outsideWork.end(this)
        onHandshake(error)
    }

    private fun runDelegatedTasks() {
        while (true) {
            val task = engine.delegatedTask ?: return
            task.run()
        }
    }

    // ------------------------------------------------------------------ reading

    private fun doRead() {
        if (state != State.WRAPPED && state != State.SHUTDOWN) return
        try {
            while (inbound.position() > 0) {
                val r = unwrap()
                if (r.bytesProduced() > 0) {
                    val out = loop.io().sslAppBuffer(0)
                    val bytes = ByteArray(r.bytesProduced())
                    out.flip()
                    out.get(bytes)
                    if (state == State.WRAPPED) deliver(bytes)
                    if (state == State.UNWRAPPED) return
                }
                when (r.handshakeStatus) {
                    SSLEngineResult.HandshakeStatus.NEED_TASK -> runDelegatedTasks()
                    SSLEngineResult.HandshakeStatus.NEED_WRAP -> wrapAndSend(EMPTY)
                    else -> {}
                }
                when (r.status) {
                    SSLEngineResult.Status.BUFFER_UNDERFLOW -> return
                    SSLEngineResult.Status.CLOSED -> {
                        onCloseNotify()
                        return
                    }
                    else -> {}
                }
            }
        } catch (e: SSLException) {
            fatalError(UncheckedIOException(e), "Fatal error on TLS transport")
        }
    }

    private fun deliver(bytes: ByteArray) {
        val p = app ?: return
        try {
            p.dataReceived(bytes)
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            fatalError(t, "Fatal error: protocol.data_received() call failed.")
        }
    }

    /** The peer sent close_notify. */
    private fun onCloseNotify() {
        if (state == State.WRAPPED) {
            callEofReceived()
            startShutdown()
        } else if (state == State.SHUTDOWN) {
            raw.close()
        }
    }

    private fun callEofReceived() {
        val p = app ?: return
        try {
            if (p.eofReceived()) {
                EventLoopImpl.LOGGER.log(System.Logger.Level.WARNING, "returning true from eof_received() has no effect when using ssl")
            }
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            fatalError(t, "Error calling eof_received()")
        }
    }

    // ------------------------------------------------------------------ writing and closing

    private fun appWrite(data: ByteArray) {
        when (state) {
            State.INIT, State.HANDSHAKE -> {
                (queued ?: ArrayList<ByteArray>().also { queued = it }).add(data.copyOf())
                queuedBytes += data.size
            }
            State.WRAPPED -> try {
                wrapAndSend(ByteBuffer.wrap(data))
            } catch (e: SSLException) {
                fatalError(UncheckedIOException(e), "Fatal error on TLS transport")
            }
            else -> {}
        }
    }

    private fun startShutdown() {
        when (state) {
            State.INIT, State.HANDSHAKE -> {
                state = State.UNWRAPPED
                raw.abort()
            }
            State.WRAPPED -> {
                state = State.SHUTDOWN
                try {
                    engine.closeOutbound()
                    wrapAndSend(EMPTY) // close_notify
                } catch (e: SSLException) {
                    fatalError(UncheckedIOException(e), "Fatal error on TLS transport")
                    return
                }
                if (engine.isInboundDone) {
                    raw.close()
                } else {
                    timer = loop.callLater(SHUTDOWN_TIMEOUT) {
                        if (state == State.SHUTDOWN) raw.abortWith(UncheckedIOException(SocketException("SSL shutdown timed out")))
                    }
                }
            }
            else -> {}
        }
    }

    private fun fatalError(error: Throwable, message: String?) {
        if (error !is UncheckedIOException && message != null) {
            loop.callExceptionHandler(ExceptionContext("$message ($appTransport)", error, null, null))
        }
        if (state == State.HANDSHAKE) {
            state = State.UNWRAPPED
            reportHandshake(error)
        }
        raw.abortWith(error)
    }

    private fun cancelTimer() {
        timer?.cancel()
        timer = null
    }

    // ------------------------------------------------------------------ engine plumbing

    private fun appendInbound(data: ByteArray) {
        if (inbound.remaining() < data.size) {
            val bigger = ByteBuffer.allocate(maxOf(inbound.position() + data.size, engine.session.packetBufferSize))
            inbound.flip()
            bigger.put(inbound)
            inbound = bigger
        }
        inbound.put(data)
    }

    /** Unwraps what [inbound] holds into the loop's application scratch buffer (cleared first). */
    private fun unwrap(): SSLEngineResult {
        var out = loop.io().sslAppBuffer(engine.session.applicationBufferSize)
        out.clear()
        inbound.flip()
        try {
            while (true) {
                val r = engine.unwrap(inbound, out)
                if (r.status != SSLEngineResult.Status.BUFFER_OVERFLOW) return r
                out = loop.io().sslAppBuffer(out.capacity() * 2)
                out.clear()
            }
        } finally {
            inbound.compact()
            if (inbound.position() == 0 && inbound.capacity() > KEEP_INBOUND) inbound = EMPTY
        }
    }

    /** Wraps all of [src] (or one handshake message when empty) and writes the records to the socket. */
    private fun wrapAndSend(src: ByteBuffer) {
        var net = loop.io().sslNetBuffer(engine.session.packetBufferSize)
        do {
            net.clear()
            val r = engine.wrap(src, net)
            when (r.status) {
                SSLEngineResult.Status.BUFFER_OVERFLOW -> {
                    net = loop.io().sslNetBuffer(net.capacity() * 2)
                    continue
                }
                else -> {}
            }
            if (net.position() > 0) {
                net.flip()
                val bytes = ByteArray(net.remaining())
                net.get(bytes)
                raw.write(bytes)
            }
            if (r.status == SSLEngineResult.Status.CLOSED) return
            if (r.handshakeStatus == SSLEngineResult.HandshakeStatus.NEED_TASK) runDelegatedTasks()
        } while (src.hasRemaining())
    }

    // ------------------------------------------------------------------ the application's transport

    private inner class AppTransport : Transport, AwaitedReads {
        override fun write(data: ByteArray) {
            java.util.Objects.requireNonNull(data, "data")
            if (data.isEmpty() || appClosed) return
            appWrite(data)
        }

        override fun canWriteEof(): Boolean = false

        override fun writeEof() {
            throw UnsupportedOperationException("a TLS transport cannot half-close (write_eof is not supported over SSL)")
        }

        override fun close() {
            if (appClosed) return
            appClosed = true
            startShutdown()
        }

        override fun abort() {
            appClosed = true
            state = State.UNWRAPPED
            raw.abort()
        }

        override fun isClosing(): Boolean = appClosed || raw.isClosing

        override fun pauseReading() = raw.pauseReading()

        override fun resumeReading() = raw.resumeReading()

        override fun isReading(): Boolean = !appClosed && raw.isReading

        override fun readerWaits(waiting: Boolean) = raw.readerWaits(waiting)

        override fun getWriteBufferSize(): Int = raw.writeBufferSize + queuedBytes

        override fun setWriteBufferLimits(high: Int, low: Int) = raw.setWriteBufferLimits(high, low)

        override fun peerAddress(): InetSocketAddress? = raw.peerAddress()

        override fun localAddress(): InetSocketAddress? = raw.localAddress()

        override fun sslSession(): SSLSession? = if (appConnected || state == State.SHUTDOWN) engine.session else null

        override fun toString(): String = "<SslTransport ${if (appClosed) "closing " else ""}over $raw>"
    }

    companion object {
        private val EMPTY: ByteBuffer = ByteBuffer.allocate(0)
        private const val KEEP_INBOUND = 32 * 1024

        /** CPython's `SSL_SHUTDOWN_TIMEOUT`. */
        const val SHUTDOWN_TIMEOUT = 30.0
    }
}
