package dev.asyncio4j;

/**
 * Python's {@code asyncio.Protocol}: the callbacks a {@link Transport} makes into the code that speaks over it.
 *
 * <p><b>Threading.</b> Every callback runs on the transport's loop, in order, never concurrently, and never from
 * inside a call the protocol makes to its transport. Callbacks must not block: a long computation or a blocking
 * call stalls every connection of the loop (hand such work to {@link Asyncio#toThread} or a Task).
 *
 * <p><b>Order.</b> {@link #connectionMade(Transport)} first; then any number of {@link #dataReceived(byte[])};
 * then at most one {@link #eofReceived()}; {@link #connectionLost(Throwable)} last, exactly once. The
 * {@link #pauseWriting()} / {@link #resumeWriting()} pairs may come at any point in between, always alternating,
 * pause first. A callback that throws is reported to the loop's exception handler and the connection is aborted
 * (for {@code pauseWriting}/{@code resumeWriting}: only reported).
 *
 * <p>Streams ({@link Asyncio#openConnection}) are built on this; implement it directly for a framed protocol that
 * reacts to bytes without a Task per connection.
 */
public interface Protocol {
    /**
     * The connection is up. Keep the transport to write to it.
     *
     * @param transport the connection's transport
     */
    default void connectionMade(Transport transport) {
    }

    /**
     * Bytes arrived.
     *
     * @param data a fresh array the protocol owns, never empty
     */
    default void dataReceived(byte[] data) {
    }

    /**
     * The peer closed its sending side (end of file). No more {@link #dataReceived(byte[])} follows.
     *
     * @return {@code true} to keep the transport half-open (this side may still write and must close it later);
     *         {@code false} (the default) closes the transport. Over TLS the value is ignored and the transport
     *         closes, as in Python.
     */
    default boolean eofReceived() {
        return false;
    }

    /**
     * The connection is closed: the last callback.
     *
     * @param error why it was lost ({@link java.io.UncheckedIOException} around the JDK's {@code IOException} for
     *              a reset, a failed write, a TLS error), or {@code null} when it closed cleanly (a {@code close()},
     *              an end of file)
     */
    default void connectionLost(Throwable error) {
    }

    /** The transport's write buffer went above its high-water mark: stop writing until {@link #resumeWriting()}. */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to its low-water mark after a {@link #pauseWriting()}. */
    default void resumeWriting() {
    }
}
