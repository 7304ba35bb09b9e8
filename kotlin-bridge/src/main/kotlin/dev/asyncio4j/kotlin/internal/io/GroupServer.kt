package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.ClientConnected
import dev.asyncio4j.Future
import dev.asyncio4j.Server
import dev.asyncio4j.StreamOptions
import dev.asyncio4j.StreamReader
import dev.asyncio4j.internal.FutureBase
import dev.asyncio4j.internal.StreamProtocol
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import dev.asyncio4j.kotlin.internal.RunningLoop
import java.io.IOException
import java.io.UncheckedIOException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.nio.channels.ClosedChannelException
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.util.concurrent.CompletableFuture
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReferenceArray

/**
 * `LoopGroup.startServer`: one listening socket per address, accepted by one acceptor thread each (blocking
 * `accept`, as a dedicated boss loop does in Netty and Vert.x), each connection handed in round-robin order to a
 * loop of the group, where a per-loop [SocketServer] ([SocketServer.adopting]) serves and tracks it exactly as a
 * server of that loop would (TLS included). Thread-safe: every method may be called from any thread; per-loop work
 * goes through the loops' thread-safe inboxes.
 */
internal class GroupServer private constructor(
    private val loops: List<EventLoopImpl>,
    private val options: StreamOptions,
) : Server {
    /** Each loop's server, set on that loop's thread before any connection is handed to it (the inbox is FIFO). */
    private val perLoop = AtomicReferenceArray<SocketServer>(loops.size)
    private val nextLoop = AtomicInteger()

    @Volatile
    private var listeners: List<ServerSocketChannel> = emptyList()

    @Volatile
    private var addresses: List<InetSocketAddress> = emptyList()

    @Volatile
    private var closed = false

    /** Futures of `serveForever`, cancelled by [close]; guarded by `this`. */
    private val servingForever = ArrayList<Pair<EventLoopImpl, Future<Void>>>()

    private fun openPerLoopServers(onClient: ClientConnected) {
        val limit = options.limit()
        for ((i, loop) in loops.withIndex()) {
            loop.callSoonThreadsafe {
                val start = StreamProtocol.ClientStarter { reader, writer ->
                    loop.createTask(dev.asyncio4j.Coroutine<Any?> {
                        onClient.handle(reader, writer)
                        null
                    })
                }
                perLoop.set(i, SocketServer.adopting(loop, { StreamProtocol(loop, StreamReader(limit), start) }, options))
            }
        }
    }

    private fun bind(host: String?, port: Int) {
        val hosts: List<InetAddress?> = if (host == null) listOf(null) else InetAddress.getAllByName(host).toList()
        val bound = ArrayList<ServerSocketChannel>()
        try {
            for (address in hosts) bound.add(openListeningSocket(address, port, options))
        } catch (e: Throwable) {
            for (s in bound) closeQuietly(s)
            throw e
        }
        listeners = bound
        addresses = bound.map { it.localAddress as InetSocketAddress }
    }

    /** An acceptor thread: accept until the socket closes, each connection to the next loop. */
    private fun acceptLoop(socket: ServerSocketChannel) {
        while (!closed) {
            val client: SocketChannel = try {
                socket.accept()
            } catch (e: ClosedChannelException) {
                return
            } catch (e: IOException) {
                if (closed) return
                report(e)
                sleepQuietly()
                continue
            }
            handOff(client)
        }
    }

    private fun handOff(client: SocketChannel) {
        val i = Math.floorMod(nextLoop.getAndIncrement(), loops.size)
        try {
            loops[i].callSoonThreadsafe { perLoop.get(i).adopt(client) }
        } catch (loopClosed: IllegalStateException) {
            closeQuietly(client)
        }
    }

    private fun report(e: IOException) {
        val loop = loops[0]
        try {
            loop.callSoonThreadsafe {
                loop.callExceptionHandler(dev.asyncio4j.ExceptionContext("Error accepting a connection on $this", UncheckedIOException(e), null, null))
            }
        } catch (loopClosed: IllegalStateException) {
            // nobody left to tell
        }
    }

    // ------------------------------------------------------------------ Server

    override fun close() {
        val forever: List<Pair<EventLoopImpl, Future<Void>>>
        synchronized(this) {
            if (closed) return
            closed = true
            forever = ArrayList(servingForever)
            servingForever.clear()
        }
        for (s in listeners) closeQuietly(s)
        onEveryLoop { it.close() }
        for ((loop, f) in forever) onLoop(loop) { if (!f.isDone) f.cancel() }
    }

    override fun waitClosed(): Future<Void> {
        val (home, result) = futureOnCallersLoop()
        val remaining = AtomicInteger(loops.size)
        for ((i, loop) in loops.withIndex()) {
            onLoop(loop) {
                perLoop.get(i).waitClosed().addDoneCallback {
                    if (remaining.decrementAndGet() == 0) onLoop(home) { if (!result.isDone) result.setResult(null) }
                }
            }
        }
        return result
    }

    override fun isServing(): Boolean = !closed

    override fun sockets(): List<InetSocketAddress> = if (closed) emptyList() else addresses

    override fun serveForever(): Future<Void> {
        val (home, result) = futureOnCallersLoop()
        synchronized(this) {
            if (!closed) {
                servingForever.add(home to result)
                // Cancelled (by its awaiter), the server closes, as CPython's serve_forever does.
                onLoop(home) { result.addDoneCallback { if (it.isCancelled) close() } }
                return result
            }
        }
        onLoop(home) { result.setException(IllegalStateException("server $this is closed")) }
        return result
    }

    override fun closeClients() = onEveryLoop { it.closeClients() }

    override fun abortClients() = onEveryLoop { it.abortClients() }

    override fun toString(): String = "<Server sockets=${sockets()} loops=${loops.size}>"

    // ------------------------------------------------------------------ crossing threads

    /** A pending Future of the caller's running loop (when it is one of ours), else of the group's first loop. */
    private fun futureOnCallersLoop(): Pair<EventLoopImpl, FutureBase<Void>> {
        val running = RunningLoop.get()
        val home = if (running != null && loops.any { it === running }) running else loops[0]
        return home to FutureBase(home)
    }

    private fun onEveryLoop(action: (SocketServer) -> Unit) {
        for ((i, loop) in loops.withIndex()) onLoop(loop) { action(perLoop.get(i)) }
    }

    private fun onLoop(loop: EventLoopImpl, action: () -> Unit) {
        if (loop.isOwnerThread()) {
            action()
            return
        }
        try {
            loop.callSoonThreadsafe(action)
        } catch (loopClosed: IllegalStateException) {
            // the group closed: nothing left to act on
        }
    }

    companion object {
        private val ACCEPTORS = AtomicInteger()

        fun start(
            loops: List<EventLoopImpl>, onClient: ClientConnected, host: String?, port: Int, options: StreamOptions,
        ): CompletableFuture<Server> {
            Resolver.checkPort(port)
            if (options.serverHostname() != null) {
                throw IllegalArgumentException("server_hostname is only meaningful for a TLS client, not for a server")
            }
            val server = GroupServer(loops, options)
            server.openPerLoopServers(onClient)
            val result = CompletableFuture<Server>()
            // Name lookup and bind may block: not on the caller's thread, which may be a loop.
            val binder = Thread({
                try {
                    server.bind(host, port)
                } catch (e: Throwable) {
                    server.close()
                    result.completeExceptionally(if (e is IOException) UncheckedIOException(e) else e)
                    return@Thread
                }
                for (socket in server.listeners) {
                    val t = Thread({ server.acceptLoop(socket) }, "asyncio4j-acceptor-${ACCEPTORS.incrementAndGet()}")
                    t.isDaemon = true
                    t.start()
                }
                result.complete(server)
            }, "asyncio4j-group-bind")
            binder.isDaemon = true
            binder.start()
            return result
        }

        private fun closeQuietly(c: java.nio.channels.Channel) {
            try {
                c.close()
            } catch (ignored: IOException) {
            }
        }

        private fun sleepQuietly() {
            try {
                Thread.sleep(ACCEPT_RETRY_MILLIS)
            } catch (e: InterruptedException) {
                Thread.currentThread().interrupt()
            }
        }

        /** After an accept error (out of file descriptors), wait before trying again, as CPython's server does. */
        private const val ACCEPT_RETRY_MILLIS = 1000L
    }
}
