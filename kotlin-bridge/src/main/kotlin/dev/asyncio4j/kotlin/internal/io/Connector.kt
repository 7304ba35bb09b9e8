package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.Endpoint
import dev.asyncio4j.Future
import dev.asyncio4j.Protocol
import dev.asyncio4j.StreamOptions
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.IOException
import java.io.UncheckedIOException
import java.net.ConnectException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.nio.channels.SelectionKey
import java.nio.channels.SocketChannel
import java.util.Objects
import java.util.function.Supplier

/**
 * CPython's `loop.create_connection`: resolve the host off the loop, try each address in turn with a non-blocking
 * connect, then run the protocol on a [SocketTransport] (through an [SslProtocol] for TLS). The Future is done after
 * `connectionMade` (after the handshake for TLS). Cancelling it closes the socket being connected. Until the Future is
 * done the connect is outside work of the loop ([EventLoopImpl.outsideWork]). Loop-confined.
 */
internal class Connector<P : Protocol> private constructor(
    private val loop: EventLoopImpl,
    private val factory: Supplier<P>,
    private val host: String,
    private val port: Int,
    private val options: StreamOptions,
    private val result: Future<Endpoint<P>>,
) {
    private var addresses: List<InetAddress> = emptyList()
    private var next = 0
    private val errors = ArrayList<IOException>(1)
    private var attempt: Attempt? = null

    /** One non-blocking connect to one address. */
    private inner class Attempt(val socket: SocketChannel) : IoChannel(loop, socket) {
        private val finish = Runnable { finishConnect(this) }

        override fun onSelected(readyOps: Int) {
            if (readyOps and SelectionKey.OP_CONNECT != 0 && isInterested(SelectionKey.OP_CONNECT)) loop.enqueue(finish)
        }

        override fun closeOnLoopClose() = closeChannel()
    }

    private fun begin() {
        // Outside work until the connection is made (TLS: handshaken) or failed: a virtual clock waits for it.
        val tls = if (options.ssl() != null) " and its TLS handshake" else ""
        loop.outsideWork.begin(this, "a connect to $host:$port$tls")
        result.addDoneCallback { f ->
            loop.outsideWork.end(this)
            if (f.isCancelled) attempt?.closeChannel()
        }
        Resolver.resolve(loop, host) { found, error ->
            if (result.isDone) return@resolve
            if (error != null) {
                result.setException(error)
            } else {
                addresses = found!!
                tryNext()
            }
        }
    }

    private fun tryNext() {
        while (true) {
            if (result.isDone) return
            if (next >= addresses.size) {
                result.setException(UncheckedIOException(combined()))
                return
            }
            val address = InetSocketAddress(addresses[next++], port)
            var socket: SocketChannel? = null
            try {
                socket = SocketChannel.open()
                socket.configureBlocking(false)
                val a = Attempt(socket)
                attempt = a
                if (socket.connect(address)) {
                    connected(a)
                } else {
                    a.addInterest(SelectionKey.OP_CONNECT)
                }
                return
            } catch (e: IOException) {
                attempt?.closeChannel() ?: socket?.close()
                attempt = null
                errors.add(withAddress(e, address))
            }
        }
    }

    private fun finishConnect(a: Attempt) {
        if (result.isDone || attempt !== a) {
            a.closeChannel()
            return
        }
        try {
            if (!a.socket.finishConnect()) return
        } catch (e: IOException) {
            a.closeChannel()
            attempt = null
            errors.add(withAddress(e, InetSocketAddress(addresses[next - 1], port)))
            tryNext()
            return
        }
        a.removeInterest(SelectionKey.OP_CONNECT)
        connected(a)
    }

    private fun connected(a: Attempt) {
        attempt = null
        val protocol = try {
            Objects.requireNonNull(factory.get(), "the protocol factory returned null")
        } catch (t: Throwable) {
            a.closeChannel()
            if (t is VirtualMachineError) throw t
            result.setException(t)
            return
        }
        val ssl = options.ssl()
        if (ssl == null) {
            lateinit var transport: SocketTransport
            transport = SocketTransport(loop, a.socket, protocol, null, {
                if (result.isDone) transport.close() else result.setResult(Endpoint(transport, protocol))
            }, a)
            return
        }
        val hostname = options.serverHostname() ?: host
        lateinit var tls: SslProtocol
        tls = SslProtocol(loop, protocol, ssl, false, hostname, port, options.sslHandshakeTimeout()) { error ->
            when {
                error != null -> if (!result.isDone) result.setException(error)
                result.isDone -> tls.appTransport.close()
                else -> result.setResult(Endpoint(tls.appTransport, protocol))
            }
        }
        SocketTransport(loop, a.socket, tls, null, null, a)
    }

    private fun combined(): IOException {
        if (errors.size == 1) return errors[0]
        val model = errors[0].message
        if (errors.all { it.message == model }) return errors[0]
        val e = ConnectException("Multiple exceptions: " + errors.joinToString(", ") { it.message ?: it.toString() })
        errors.forEach(e::addSuppressed)
        return e
    }

    private fun withAddress(e: IOException, address: InetSocketAddress): IOException {
        // The JDK's "Connection refused" does not say where: say it, as CPython's errors do.
        if (e is ConnectException && e.message?.contains(address.port.toString()) != true) {
            val named = ConnectException("${e.message} (connecting to ${address.hostString}:${address.port})")
            named.initCause(e)
            return named
        }
        return e
    }

    companion object {
        fun <P : Protocol> connect(
            loop: EventLoopImpl, factory: Supplier<P>, host: String, port: Int, options: StreamOptions,
        ): Future<Endpoint<P>> {
            Objects.requireNonNull(factory, "factory")
            Objects.requireNonNull(host, "host: pass the host name or IP address to connect to")
            Objects.requireNonNull(options, "options: pass StreamOptions.defaults()")
            Resolver.checkPort(port)
            if (options.serverHostname() != null && options.ssl() == null) {
                throw IllegalArgumentException("server_hostname is only meaningful with ssl: add withSsl(context)")
            }
            val result = loop.createFuture<Endpoint<P>>()
            Connector(loop, factory, host, port, options, result).begin()
            return result
        }
    }
}
