@file:JvmName("KotlinStreams")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.Connection
import dev.asyncio4j.Endpoint
import dev.asyncio4j.EventLoop
import dev.asyncio4j.Protocol
import dev.asyncio4j.Server
import dev.asyncio4j.StreamOptions
import dev.asyncio4j.StreamReader
import dev.asyncio4j.StreamWriter
import dev.asyncio4j.internal.StreamProtocol
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

// Python's streams for Kotlin. The suspending reads and waits carry an `Await` suffix because the Java members of
// the same name (`readLine()`, `drain()`, ...) return Futures, and a member always wins over an extension.

/**
 * Python's `reader, writer = await asyncio.open_connection(host, port)`, destructurable:
 * `val (reader, writer) = openConnection("127.0.0.1", 8888)`. Call on a loop (a Task or the loop's dispatcher).
 * Throws [java.io.UncheckedIOException] when the connection is refused, the host is unknown or unreachable, or the
 * TLS handshake fails. Cancelling the caller abandons the attempt and closes its socket.
 */
suspend fun openConnection(host: String, port: Int, options: StreamOptions = StreamOptions.defaults()): Connection =
    Asyncio.openConnection(host, port, options).await()

/** `val (reader, writer) = connection`. */
operator fun Connection.component1(): StreamReader = reader()

/** `val (reader, writer) = connection`. */
operator fun Connection.component2(): StreamWriter = writer()

/**
 * Python's `await asyncio.start_server(handler, host, port)` with a `suspend` handler: each connection runs
 * [handler] as a Kotlin Task of the loop (no thread per connection). When the handler throws, the exception goes to
 * the loop's exception handler and the connection is closed; the server keeps serving. [host] `null` listens on
 * every interface; [port] 0 lets the system choose (see [Server.sockets]).
 */
suspend fun startServer(
    host: String?,
    port: Int,
    options: StreamOptions = StreamOptions.defaults(),
    handler: suspend CoroutineScope.(reader: StreamReader, writer: StreamWriter) -> Unit,
): Server {
    val loop = Asyncio.getRunningLoop()
    val limit = options.limit()
    val start = StreamProtocol.ClientStarter { reader, writer -> loop.launchTask { handler(reader, writer) } }
    return loop.createServer({ StreamProtocol(loop, StreamReader(limit), start) }, host, port, options).await()
}

/** `val (transport, protocol) = endpoint`. */
operator fun <P : Protocol> Endpoint<P>.component1(): dev.asyncio4j.Transport = transport()

/** `val (transport, protocol) = endpoint`. */
operator fun <P : Protocol> Endpoint<P>.component2(): P = protocol()

/** Python's `await reader.read(n)`: up to [n] bytes once any are buffered; `-1` (the default) reads to end of file. */
suspend fun StreamReader.readAwait(n: Int = -1): ByteArray = read(n).await()

/** Python's `await reader.readline()`. Cancelling the caller consumes nothing. */
suspend fun StreamReader.readLineAwait(): ByteArray = readLine().await()

/** Python's `await reader.readexactly(n)`; throws [dev.asyncio4j.IncompleteReadError] at end of file first. */
suspend fun StreamReader.readExactlyAwait(n: Int): ByteArray = readExactly(n).await()

/** Python's `await reader.readuntil(separator)`. */
suspend fun StreamReader.readUntilAwait(separator: ByteArray): ByteArray = readUntil(separator).await()

/**
 * The reader's lines as a cold [Flow] (Python's `async for line in reader`): each line with its `'\n'` (the last
 * one may lack it), until end of file. Collect it once, on the reader's loop.
 */
fun StreamReader.lines(): Flow<ByteArray> = flow {
    while (true) {
        val line = readLineAwait()
        if (line.isEmpty()) break
        emit(line)
    }
}

/** Python's `await writer.drain()`: suspends while the write buffer is above its high-water mark. */
suspend fun StreamWriter.drainAwait() {
    drain().await()
}

/** Python's `await writer.wait_closed()`. */
suspend fun StreamWriter.waitClosedAwait() {
    waitClosed().await()
}

/** Python's `await server.serve_forever()`: suspends until cancelled, then closes the server. */
suspend fun Server.serveForeverAwait() {
    serveForever().await()
}

/** Python's `await server.wait_closed()`: until the server is closed and all its connections are gone. */
suspend fun Server.waitClosedAwait() {
    waitClosed().await()
}

/** Python's `await loop.create_connection(factory, host, port)`, destructurable into transport and protocol. */
suspend fun <P : Protocol> EventLoop.createConnectionAwait(
    host: String,
    port: Int,
    options: StreamOptions = StreamOptions.defaults(),
    factory: () -> P,
): Endpoint<P> = createConnection({ factory() }, host, port, options).await()

/** Python's `await loop.create_server(factory, host, port)`. */
suspend fun EventLoop.createServerAwait(
    host: String?,
    port: Int,
    options: StreamOptions = StreamOptions.defaults(),
    factory: () -> Protocol,
): Server = createServer({ factory() }, host, port, options).await()
