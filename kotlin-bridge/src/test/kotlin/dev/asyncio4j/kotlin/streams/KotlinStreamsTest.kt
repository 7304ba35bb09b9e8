package dev.asyncio4j.kotlin.streams

import dev.asyncio4j.Asyncio
import dev.asyncio4j.ExceptionContext
import dev.asyncio4j.Protocol
import dev.asyncio4j.Server
import dev.asyncio4j.StreamOptions
import dev.asyncio4j.Transport
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.component1
import dev.asyncio4j.kotlin.component2
import dev.asyncio4j.kotlin.createConnectionAwait
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.drainAwait
import dev.asyncio4j.kotlin.lines
import dev.asyncio4j.kotlin.openConnection
import dev.asyncio4j.kotlin.readAwait
import dev.asyncio4j.kotlin.readExactlyAwait
import dev.asyncio4j.kotlin.readLineAwait
import dev.asyncio4j.kotlin.readUntilAwait
import dev.asyncio4j.kotlin.sleep
import dev.asyncio4j.kotlin.startServer
import dev.asyncio4j.kotlin.waitClosedAwait
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import dev.asyncio4j.kotlin.internal.ParkWait
import dev.asyncio4j.kotlin.internal.io.SelectorWait
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.concurrent.TimeUnit

/** The Kotlin stream surface over loopback sockets: suspend reads, Kotlin handlers, the lines Flow, scale. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KotlinStreamsTest {
    private fun Server.port() = sockets()[0].port

    private suspend fun echoServer(): Server = startServer("127.0.0.1", 0) { reader, writer ->
        while (true) {
            val line = reader.readLineAwait()
            if (line.isEmpty()) break
            writer.write(line)
            writer.drainAwait()
        }
        writer.close()
    }

    @Test
    fun echoWithKotlinHandlerAndLinesFlow() {
        val got = asyncioRun {
            val server = echoServer()
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            writer.write("one\ntwo\nthree".toByteArray())
            writer.writeEof()
            val lines = reader.lines().map { String(it) }.toList()
            writer.close()
            writer.waitClosedAwait()
            server.close()
            lines
        }
        assertEquals(listOf("one\n", "two\n", "three"), got)
    }

    @Test
    fun suspendReads() {
        val got = asyncioRun {
            val server = startServer("127.0.0.1", 0) { _, writer ->
                writer.write("head|12345rest\nall the rest".toByteArray())
                writer.close()
            }
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            val out = listOf(
                String(reader.readUntilAwait("|".toByteArray())),
                String(reader.readExactlyAwait(5)),
                String(reader.readLineAwait()),
                String(reader.readAwait()),
            )
            writer.close()
            server.close()
            out
        }
        assertEquals(listOf("head|", "12345", "rest\n", "all the rest"), got)
    }

    @Test
    fun cancelledReadLineLosesNoBytes() {
        val got = asyncioRun {
            val server = startServer("127.0.0.1", 0) { reader, writer ->
                writer.write("par".toByteArray())
                writer.drainAwait()
                reader.readLineAwait() // the client's go
                writer.write("tial\nnext\n".toByteArray())
                writer.close()
            }
            val (reader, writer) = openConnection("127.0.0.1", server.port())
            val first = createTask { reader.readLineAwait() }
            sleep(0.05)
            first.cancel()
            try {
                first.await()
            } catch (e: java.util.concurrent.CancellationException) {
                // as asked
            }
            writer.write("go\n".toByteArray())
            val lines = listOf(String(reader.readLineAwait()), String(reader.readLineAwait()))
            writer.close()
            server.close()
            lines
        }
        assertEquals(listOf("partial\n", "next\n"), got)
    }

    @Test
    fun throwingKotlinHandlerIsReportedAndClosed() {
        val reported = ArrayList<ExceptionContext>()
        val got = asyncioRun {
            Asyncio.getRunningLoop().setExceptionHandler { _, ctx -> reported.add(ctx) }
            val server = startServer("127.0.0.1", 0) { reader, writer ->
                val line = String(reader.readLineAwait())
                if (line.startsWith("boom")) throw IllegalStateException("kotlin handler failed")
                writer.write(line.toByteArray())
                writer.close()
            }
            val bad = openConnection("127.0.0.1", server.port())
            bad.writer().write("boom\n".toByteArray())
            val badEnd = bad.reader().readAwait().size
            val good = openConnection("127.0.0.1", server.port())
            good.writer().write("ok\n".toByteArray())
            val goodEnd = String(good.reader().readAwait())
            server.close()
            "$badEnd $goodEnd"
        }
        assertEquals("0 ok\n", got)
        assertEquals(1, reported.size)
        assertEquals("Unhandled exception in client_connected_cb", reported[0].message())
    }

    @Test
    fun oneThousandConcurrentKotlinHandlersEveryByteAccountedFor() {
        val clients = 1000
        val rounds = 5
        val (sent, received) = asyncioRun {
            val server = startServer("127.0.0.1", 0, StreamOptions.defaults().withBacklog(1024)) { reader, writer ->
                while (true) {
                    val line = reader.readLineAwait()
                    if (line.isEmpty()) break
                    writer.write(line)
                    writer.drainAwait()
                }
                writer.close()
            }
            val tasks = (0 until clients).map { id ->
                createTask {
                    val (reader, writer) = openConnection("127.0.0.1", server.port())
                    var sent = 0L
                    var received = 0L
                    for (round in 0 until rounds) {
                        val line = "client $id round $round\n".toByteArray()
                        writer.write(line)
                        sent += line.size
                        val echo = reader.readLineAwait()
                        check(echo.contentEquals(line)) { "client $id got ${String(echo)}" }
                        received += echo.size
                    }
                    writer.close()
                    sent to received
                }
            }
            var s = 0L
            var r = 0L
            for (t in tasks) {
                val (a, b) = t.await()
                s += a
                r += b
            }
            server.close()
            server.closeClients()
            s to r
        }
        assertEquals(sent, received)
        assertTrue(sent > 0)
    }

    @Test
    fun loopWaitsInTheSelectorOnlyWhileSocketsAreOpen() {
        val states = asyncioRun {
            val loop = Asyncio.getRunningLoop() as EventLoopImpl
            val out = ArrayList<String>()
            out.add(loop.events.javaClass.simpleName)
            val server = echoServer()
            out.add(loop.events.javaClass.simpleName)
            // blocked in select(), the loop is woken by another thread's callSoonThreadsafe (through toThread)
            out.add(dev.asyncio4j.kotlin.toThread { Thread.sleep(20); "woken in select" })
            server.close()
            // a thread-safe call wakes the selector wait
            val fromThread = dev.asyncio4j.kotlin.toThread { loop.callSoonThreadsafe { } ; "woken" }
            out.add(fromThread)
            sleep(0.01)
            sleep(0.01)
            out.add(loop.events.javaClass.simpleName)
            out
        }
        assertEquals(
            listOf(ParkWait::class.simpleName, SelectorWait::class.simpleName, "woken in select", "woken", ParkWait::class.simpleName),
            states,
        )
    }

    @Test
    fun protocolsFromKotlin() {
        val got = asyncioRun {
            val server = echoServer()
            val done = Asyncio.getRunningLoop().createFuture<String>()
            val (transport, protocol) = Asyncio.getRunningLoop().createConnectionAwait("127.0.0.1", server.port()) {
                object : Protocol {
                    val seen = StringBuilder()
                    override fun connectionMade(transport: Transport) = transport.write("hi\n".toByteArray())
                    override fun dataReceived(data: ByteArray) {
                        seen.append(String(data))
                    }
                    override fun eofReceived(): Boolean = false
                    override fun connectionLost(error: Throwable?) {
                        done.setResult(seen.toString())
                    }
                }
            }
            sleep(0.05)
            transport.writeEof()
            val text = done.await()
            server.close()
            "$text ${protocol.javaClass.isAnonymousClass}"
        }
        assertEquals("hi\n true", got)
    }
}
