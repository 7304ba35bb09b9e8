package dev.asyncio4j;

import java.util.Objects;

/**
 * The {@code (reader, writer)} pair of Python's {@code asyncio.open_connection}.
 *
 * <p>Immutable; the reader and writer themselves belong to the connection's loop (see their docs).
 *
 * <pre>{@code
 * Connection c = Asyncio.await(Asyncio.openConnection("example.org", 80));
 * c.writer().write("HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
 * byte[] status = Asyncio.await(c.reader().readLine());
 * }</pre>
 *
 * @param reader what the peer sends
 * @param writer what this side sends
 */
public record Connection(StreamReader reader, StreamWriter writer) {
    /**
     * Checks the parts.
     *
     * @param reader what the peer sends
     * @param writer what this side sends
     * @throws NullPointerException if either is null
     */
    public Connection {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }
}
