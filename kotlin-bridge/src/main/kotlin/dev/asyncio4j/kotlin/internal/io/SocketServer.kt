package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Future
import dev.asyncio4j.Protocol
import dev.asyncio4j.Server
import dev.asyncio4j.StreamOptions
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import dev.asyncio4j.kotlin.internal.TaskImpl
import java.util.concurrent.CancellationException
import java.io.IOException
import java.io.UncheckedIOException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.nio.channels.SelectionKey
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.util.Objects
import java.util.function.Supplier

/**
 * CPython's `base_events.Server` with `selector_events._accept_connection`: listening sockets registered with the
 * loop's Selector, accepting up to `backlog` connections per readiness, each on a new [SocketTransport] (through
 * an [SslProtocol] for TLS) with a protocol from the factory. It tracks its clients for `closeClients`,
 * `abortClients` and `waitClosed` (3.12.1+ semantics: closed and every client gone). Loop-confined.
 */
internal class SocketServer private constructor(
    private val loop: EventLoopImpl,
    private val factory: Supplier<out Protocol>,
    private val options: StreamOptions,
) : Server {
    private var listeners: List<Listener>? = null
    private var addresses: List<InetSocketAddress> = emptyList()
    private val clients = LinkedHashSet<SocketTransport>()
    private var waiters: ArrayList<Future<Void>>? = ArrayList(0)
    private var serving = false
    private var servingForever: Future<Void>? = null

    /** One listening socket. */
    private inner class Listener(val socket: ServerSocketChannel) : IoChannel(loop, socket) {
        private val acceptReady = Runnable { accept(this) }

        override fun onSelected(readyOps: Int) {
            if (readyOps and SelectionKey.OP_ACCEPT != 0 && isInterested(SelectionKey.OP_ACCEPT)) loop.enqueue(acceptReady)
        }

        override fun closeOnLoopClose() = closeChannel()
    }

    private fun startServing() {
        if (serving) return
        serving = true
        for (l in listeners ?: return) l.addInterest(SelectionKey.OP_ACCEPT)
    }

    private fun accept(l: Listener) {
        if (listeners == null || !l.isInterested(SelectionKey.OP_ACCEPT)) return
        // Several connections may wait: take up to backlog of them per loop iteration (bpo-27906).
        repeat(options.backlog().coerceAtLeast(1)) {
            val socket: SocketChannel = try {
                l.socket.accept() ?: return
            } catch (e: IOException) {
                if (outOfResources(e)) {
                    // Linux keeps reporting the socket ready: stop listening for a while, then try again.
                    loop.callExceptionHandler(ExceptionContext("socket.accept() out of system resource", UncheckedIOException(e), null, null))
                    l.removeInterest(SelectionKey.OP_ACCEPT)
                    loop.callLater(ACCEPT_RETRY_DELAY) { if (listeners != null && serving) l.addInterest(SelectionKey.OP_ACCEPT) }
                } else {
                    loop.callExceptionHandler(ExceptionContext("Error accepting a connection on $this", UncheckedIOException(e), null, null))
                }
                return
            }
            newConnection(socket)
        }
    }

    private fun newConnection(socket: SocketChannel) {
        val protocol = try {
            socket.configureBlocking(false)
            Objects.requireNonNull(factory.get(), "the protocol factory returned null")
        } catch (t: Throwable) {
            if (t is VirtualMachineError) throw t
            try {
                socket.close()
            } catch (ignored: IOException) {
            }
            loop.callExceptionHandler(ExceptionContext("Error on transport creation for incoming connection", t, null, null))
            return
        }
        val ssl = options.ssl()
        if (ssl == null) {
            SocketTransport(loop, socket, protocol, this, null, null)
        } else {
            val tls = SslProtocol(loop, protocol, ssl, true, null, 0, options.sslHandshakeTimeout()) { error ->
                if (error != null && loop.isDebug) {
                    loop.callExceptionHandler(ExceptionContext("Error on transport creation for incoming connection", error, null, null))
                }
            }
            SocketTransport(loop, socket, tls, this, null, null)
        }
    }

    /** A connection accepted elsewhere for this loop (see [adopting]); refused once the server is closed. Loop thread. */
    fun adopt(socket: SocketChannel) {
        if (listeners == null) {
            try {
                socket.close()
            } catch (ignored: IOException) {
            }
            return
        }
        newConnection(socket)
    }

    fun attach(t: SocketTransport) {
        clients.add(t)
    }

    fun detach(t: SocketTransport) {
        clients.remove(t)
        if (clients.isEmpty() && listeners == null) wakeup()
    }

    private fun wakeup() {
        val ws = waiters ?: return
        waiters = null
        for (w in ws) if (!w.isDone) w.setResult(null)
    }

    // ------------------------------------------------------------------ Server

    override fun close() {
        val ls = listeners ?: return
        listeners = null
        for (l in ls) l.closeChannel()
        serving = false
        val forever = servingForever
        if (forever != null && !forever.isDone) {
            forever.cancel()
            servingForever = null
        }
        if (clients.isEmpty()) wakeup()
    }

    override fun waitClosed(): Future<Void> {
        val f = loop.createFuture<Void>()
        val ws = waiters
        if (ws == null) f.setResult(null) else ws.add(f)
        return f
    }

    override fun isServing(): Boolean = serving

    override fun sockets(): List<InetSocketAddress> = if (listeners == null) emptyList() else addresses

    override fun serveForever(): Future<Void> {
        if (servingForever != null) {
            return failed(IllegalStateException("server $this is already being awaited on serveForever()"))
        }
        if (listeners == null) return failed(IllegalStateException("server $this is closed"))
        startServing()
        val forever = loop.createFuture<Void>()
        servingForever = forever
        // CPython's coroutine, as a Task: cancelled, it closes the server and waits for its clients before it ends.
        val task = TaskImpl.forKotlin(loop, null) {
            try {
                forever.await()
            } catch (e: CancellationException) {
                try {
                    close()
                    waitClosed().await()
                } finally {
                    throw e
                }
            } finally {
                if (servingForever === forever) servingForever = null
            }
        }
        // Cancelled before its first step, the body never ran: close here instead.
        task.addDoneCallback {
            if (servingForever === forever) {
                servingForever = null
                close()
            }
        }
        return task
    }

    private fun failed(error: Throwable): Future<Void> {
        val f = loop.createFuture<Void>()
        f.setException(error)
        return f
    }

    override fun closeClients() {
        for (t in clients.toList()) t.close()
    }

    override fun abortClients() {
        for (t in clients.toList()) t.abort()
    }

    override fun toString(): String = "<Server sockets=${sockets()}>"

    companion object {
        private const val ACCEPT_RETRY_DELAY = 1.0

        private fun outOfResources(e: IOException): Boolean {
            val m = e.message ?: return false
            return m.contains("Too many open files") || m.contains("No buffer space") || m.contains("Cannot allocate memory")
        }

        /**
         * A server with no listening socket of its own, serving from the start: a LoopGroup's one listener hands it
         * the connections it accepted for this loop ([adopt]); it tracks them as any server tracks its clients.
         */
        fun adopting(loop: EventLoopImpl, factory: Supplier<out Protocol>, options: StreamOptions): SocketServer =
            SocketServer(loop, factory, options).apply {
                listeners = emptyList()
                serving = true
            }

        fun start(
            loop: EventLoopImpl, factory: Supplier<out Protocol>, host: String?, port: Int, options: StreamOptions,
        ): Future<Server> {
            Objects.requireNonNull(factory, "factory")
            Objects.requireNonNull(options, "options: pass StreamOptions.defaults()")
            Resolver.checkPort(port)
            if (options.serverHostname() != null) {
                throw IllegalArgumentException("server_hostname is only meaningful for a TLS client, not for a server")
            }
            val result = loop.createFuture<Server>()
            val server = SocketServer(loop, factory, options)
            if (host == null) {
                server.bind(listOf(null), port, result)
            } else {
                Resolver.resolve(loop, host) { found, error ->
                    when {
                        result.isDone -> {}
                        error != null -> result.setException(error)
                        else -> server.bind(found!!, port, result)
                    }
                }
            }
            return result
        }
    }

    /** Binds one listening socket per address (`null`: every interface), or fails with the first bind error. */
    private fun bind(hosts: List<InetAddress?>, port: Int, result: Future<Server>) {
        val bound = ArrayList<Listener>()
        try {
            for (address in hosts) {
                val socket = openListeningSocket(address, port, options)
                bound.add(Listener(socket))
                socket.configureBlocking(false)
            }
        } catch (e: Throwable) {
            for (l in bound) l.closeChannel()
            if (e is VirtualMachineError) throw e
            result.setException(if (e is IOException) UncheckedIOException(e) else e)
            return
        }
        listeners = bound
        addresses = bound.map { it.socket.localAddress as InetSocketAddress }
        startServing()
        result.setResult(this)
    }
}

