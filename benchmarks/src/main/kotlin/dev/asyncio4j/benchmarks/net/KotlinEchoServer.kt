package dev.asyncio4j.benchmarks.net

import dev.asyncio4j.StreamOptions
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.drainAwait
import dev.asyncio4j.kotlin.readAwait
import dev.asyncio4j.kotlin.startServer
import dev.asyncio4j.kotlin.toThread

/** The Kotlin-handler echo server: one Kotlin Task per connection, no thread per connection. */
object KotlinEchoServer {
    @JvmStatic
    fun serve() = asyncioRun {
        val server = startServer("127.0.0.1", 0, StreamOptions.defaults().withBacklog(4096)) { reader, writer ->
            while (true) {
                val data = reader.readAwait(65_536)
                if (data.isEmpty()) break
                writer.write(data)
                writer.drainAwait()
            }
            writer.close()
        }
        NetBench.ready(server.sockets()[0].port)
        toThread { NetBench.waitForStdinClose() }
        server.close()
        server.abortClients()
    }
}
