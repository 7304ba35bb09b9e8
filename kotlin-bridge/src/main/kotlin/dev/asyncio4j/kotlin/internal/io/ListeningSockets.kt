package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.StreamOptions
import java.io.IOException
import java.net.BindException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.StandardSocketOptions
import java.nio.channels.ServerSocketChannel

/**
 * Opens one listening socket as CPython's `create_server` sets it up: `SO_REUSEADDR`, `SO_REUSEPORT` when
 * [options] ask for it (refused where the platform lacks it), bound to [address] (`null`: every interface) and [port]
 * with the options' backlog. Shared by a loop's server ([SocketServer]) and a LoopGroup's ([GroupServer]); the
 * caller chooses blocking mode. Thread-safe (touches only the new socket).
 *
 * @throws BindException naming the address when the bind fails (CPython's message)
 * @throws IOException when the socket cannot be opened or configured; the socket is closed on every failure
 */
internal fun openListeningSocket(address: InetAddress?, port: Int, options: StreamOptions): ServerSocketChannel {
    val socket = ServerSocketChannel.open()
    try {
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, true)
        if (options.reusePort()) {
            if (!socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw UnsupportedOperationException("reuse_port not supported by socket module")
            }
            socket.setOption(StandardSocketOptions.SO_REUSEPORT, true)
        }
        val at = if (address == null) InetSocketAddress(port) else InetSocketAddress(address, port)
        try {
            socket.bind(at, options.backlog())
        } catch (e: IOException) {
            val b = BindException("error while attempting to bind on address ${at.hostString}:${at.port}: ${e.message}")
            b.initCause(e)
            throw b
        }
        return socket
    } catch (e: Throwable) {
        try {
            socket.close()
        } catch (ignored: IOException) {
            // the failure above is what the caller needs to see
        }
        throw e
    }
}
