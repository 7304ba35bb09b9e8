package dev.asyncio4j;

import java.net.InetSocketAddress;

/**
 * Python's {@code asyncio.Transport}: one bidirectional byte connection (TCP, TLS over TCP, a process pipe) driven
 * by its loop, which calls the connection's {@link Protocol}.
 *
 * <p><b>Threading.</b> Loop-confined: call it only on its loop (a callback, a Task of the loop, a Java body of
 * the loop). From another thread, use {@code loop.callSoonThreadsafe(() -> transport.write(data))}. No method
 * blocks.
 *
 * <p><b>Writing.</b> {@link #write(byte[])} never blocks: what the socket does not take at once is buffered, and
 * the protocol's {@link Protocol#pauseWriting()} is called when the buffer grows past the high-water mark
 * ({@link Protocol#resumeWriting()} once it drained to the low-water mark). Writing after {@link #close()} or after
 * the connection was lost is ignored, as in Python.
 */
public interface Transport {
    /**
     * Sends bytes, buffering what cannot be sent at once.
     *
     * @param data the bytes; the transport copies what it buffers, so the array may be reused at once
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalStateException after {@link #writeEof()}
     */
    void write(byte[] data);

    /**
     * Whether {@link #writeEof()} is supported (it is for TCP; not for TLS, as in Python).
     *
     * @return {@code true} when this transport can half-close
     */
    boolean canWriteEof();

    /**
     * Half-closes: sends end of file once the buffered data is flushed; the transport still reads.
     *
     * @throws UnsupportedOperationException when {@link #canWriteEof()} is {@code false}
     */
    void writeEof();

    /**
     * Closes the transport: stops reading, flushes the buffered data, then closes the connection and calls
     * {@link Protocol#connectionLost(Throwable)} with {@code null}. Idempotent.
     */
    void close();

    /**
     * Closes the transport at once: buffered data is dropped, and {@link Protocol#connectionLost(Throwable)} is
     * called with {@code null} on a later loop iteration.
     */
    void abort();

    /**
     * Whether {@link #close()} or {@link #abort()} was called or the connection was lost.
     *
     * @return {@code true} when closing or closed
     */
    boolean isClosing();

    /** Stops calling {@link Protocol#dataReceived(byte[])} until {@link #resumeReading()}. No-op when paused or closing. */
    void pauseReading();

    /** Resumes reading after {@link #pauseReading()}. No-op when reading or closing. */
    void resumeReading();

    /**
     * Whether the transport is reading (neither paused nor closing).
     *
     * @return {@code true} when reading
     */
    boolean isReading();

    /**
     * How many bytes wait in the write buffer.
     *
     * @return the count
     */
    int getWriteBufferSize();

    /**
     * Sets the write buffer's high- and low-water marks (defaults 64 KiB and 16 KiB), and pauses the protocol at
     * once when the buffer is already above the new high mark.
     *
     * @param high pause the protocol's writing above this many buffered bytes
     * @param low resume it at or below this many
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(int high, int low);

    /**
     * The peer's address.
     *
     * @return the address, or {@code null} when not connected to a socket (a pipe)
     */
    InetSocketAddress peerAddress();

    /**
     * This side's address.
     *
     * @return the address, or {@code null} when not a socket (a pipe)
     */
    InetSocketAddress localAddress();

    /**
     * The TLS session of a TLS transport (Python's {@code get_extra_info('ssl_object')}: peer certificates,
     * protocol, cipher suite).
     *
     * @return the session once the handshake completed, or {@code null} for a transport without TLS
     */
    default javax.net.ssl.SSLSession sslSession() {
        return null;
    }
}
