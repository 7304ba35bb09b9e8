package dev.asyncio4j;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Python's {@code asyncio.StreamWriter}: the sending half of a stream connection, over a {@link Transport}.
 *
 * <p><b>Threading.</b> Loop-confined: use it on the connection's loop only (its Tasks and Java bodies, its
 * callbacks). {@link #write(byte[])} never blocks; {@link #drain()} is how a writer waits for the peer to keep up.
 *
 * <p><b>Cancellation.</b> Cancelling the Future of {@link #drain()} or {@link #waitClosed()} abandons that wait
 * only; nothing written is lost and the connection stays as it was.
 *
 * <pre>{@code
 * writer.write(payload);
 * Asyncio.await(writer.drain());   // waits while the write buffer is above its high-water mark
 * writer.close();
 * Asyncio.await(writer.waitClosed());
 * }</pre>
 */
public interface StreamWriter {
    /**
     * Sends bytes (buffering what the connection does not take at once). Ignored after {@link #close()} or once
     * the connection is lost, as in Python.
     *
     * @param data the bytes; copied where buffered, so the array may be reused
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalStateException after {@link #writeEof()}
     */
    void write(byte[] data);

    /**
     * Sends each array in order, as {@link #write(byte[])} does.
     *
     * @param lines the arrays
     * @throws NullPointerException if the list or an element is null
     */
    void writeLines(List<byte[]> lines);

    /**
     * Waits until the write buffer drained to its low-water mark, when it is above its high-water mark (Python's
     * {@code await writer.drain()}); done at once otherwise.
     *
     * @return a Future done when writing may go on; it fails with the connection's error when the connection was
     *         lost ({@link java.io.UncheckedIOException}, or the reader's error), with
     *         {@code UncheckedIOException(SocketException("Connection lost"))} when it closed
     */
    Future<Void> drain();

    /**
     * Whether {@link #writeEof()} is supported by the transport.
     *
     * @return {@code true} for TCP, {@code false} for TLS
     */
    boolean canWriteEof();

    /**
     * Half-closes the connection once buffered data is flushed: the peer reads end of file; this side still reads.
     *
     * @throws UnsupportedOperationException when the transport cannot ({@link #canWriteEof()})
     */
    void writeEof();

    /** Closes the connection after flushing buffered data. Idempotent. */
    void close();

    /**
     * Whether the connection is closing or closed.
     *
     * @return {@code true} after {@link #close()} or once the connection was lost
     */
    boolean isClosing();

    /**
     * Waits until the connection is closed (Python's {@code await writer.wait_closed()}).
     *
     * @return a Future done when the connection is closed; it fails with the error the connection was lost with
     */
    Future<Void> waitClosed();

    /**
     * The peer's address.
     *
     * @return the address, or {@code null} when the transport has none (a pipe)
     */
    InetSocketAddress peerAddress();

    /**
     * This side's address.
     *
     * @return the address, or {@code null} when the transport has none (a pipe)
     */
    InetSocketAddress localAddress();

    /**
     * The transport underneath.
     *
     * @return the transport
     */
    Transport transport();
}
