package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.IOException
import java.net.InetSocketAddress
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel

/**
 * Whether the other end of a connection is on the same loop: then bytes from it come from the loop's own progress
 * (a server Task of the test answering after a virtual sleep), and a reader waiting for them is no outside work —
 * counting it would stop the clock that the peer's sleep needs. Loop-confined; for virtual-time loops only (it scans
 * the loop's registered sockets).
 */
internal object PeerOnLoop {
    /** Whether [peer] is the local address of a socket or server registered with [loop]'s Selector. */
    fun isOnLoop(loop: EventLoopImpl, peer: InetSocketAddress?): Boolean {
        if (peer == null) return false
        for (key in loop.io().selector.keys()) {
            val local = try {
                when (val channel = key.channel()) {
                    is SocketChannel -> channel.localAddress
                    is ServerSocketChannel -> channel.localAddress
                    else -> null
                }
            } catch (closed: IOException) {
                null
            } as? InetSocketAddress ?: continue
            if (local.port == peer.port && (local.address == peer.address || local.address.isAnyLocalAddress)) {
                return true
            }
        }
        return false
    }
}
