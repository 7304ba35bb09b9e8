package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.UncheckedIOException
import java.net.InetAddress
import java.net.UnknownHostException

/**
 * Host name resolution for connections and servers (CPython's `getaddrinfo` in the default executor): an IP
 * literal is parsed on the loop; a name is looked up with the JDK's blocking resolver in the loop's default
 * executor, so the loop never blocks. Loop-confined.
 */
internal object Resolver {
    private val IPV4 = Regex("""\d{1,3}(\.\d{1,3}){3}""")

    /** Whether [host] is an IP literal (looking it up needs no name service). */
    fun isLiteral(host: String): Boolean = IPV4.matches(host) || host.contains(':')

    /** Calls [done] on the loop with the addresses of [host], or with the failure to find them. */
    fun resolve(loop: EventLoopImpl, host: String, done: (List<InetAddress>?, Throwable?) -> Unit) {
        if (isLiteral(host)) {
            val literal = try {
                InetAddress.getByName(host.removePrefix("[").removeSuffix("]"))
            } catch (e: UnknownHostException) {
                done(null, UncheckedIOException(e))
                return
            }
            done(listOf(literal), null)
            return
        }
        val lookup = loop.runInExecutor(null) { InetAddress.getAllByName(host).toList() }
        lookup.addDoneCallback { f ->
            if (f.isCancelled) {
                done(null, dev.asyncio4j.CancelledError())
                return@addDoneCallback
            }
            val error = f.exception()
            if (error == null) {
                done(f.result(), null)
            } else {
                done(null, if (error is java.io.IOException) UncheckedIOException(error) else error)
            }
        }
    }

    fun checkPort(port: Int) {
        if (port < 0 || port > 65535) {
            throw IllegalArgumentException("port must be 0-65535, got $port")
        }
    }
}
