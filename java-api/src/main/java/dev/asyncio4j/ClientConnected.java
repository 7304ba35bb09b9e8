package dev.asyncio4j;

/**
 * What a stream server runs for each client ({@code client_connected_cb} of Python's {@code asyncio.start_server}).
 *
 * <p>Each call runs as a Java coroutine body in a new Task of the server's loop, so it may
 * {@link Asyncio#await(Future) await}. When it throws, the exception goes to the loop's exception handler and the
 * connection is closed; the server keeps serving. The body should close the writer when it is done with the
 * client (a body that returns without closing leaves the connection open, as in Python).
 *
 * <pre>{@code
 * Server server = Asyncio.await(Asyncio.startServer((reader, writer) -> {
 *     byte[] line = Asyncio.await(reader.readLine());
 *     writer.write(line);
 *     Asyncio.await(writer.drain());
 *     writer.close();
 * }, "127.0.0.1", 0));
 * }</pre>
 */
@FunctionalInterface
public interface ClientConnected {
    /**
     * Serves one client.
     *
     * @param reader what the client sends
     * @param writer what the server sends back
     * @throws Exception any failure: reported to the loop's exception handler, and the connection is closed
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
