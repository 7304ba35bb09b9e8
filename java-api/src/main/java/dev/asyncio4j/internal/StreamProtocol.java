package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.StreamReader;
import dev.asyncio4j.StreamWriter;
import dev.asyncio4j.Transport;
import java.util.Objects;

/**
 * CPython's {@code StreamReaderProtocol}: feeds a connection's bytes to its {@link StreamReader} and, on a server,
 * starts the client handler in a Task of its own. Internal: not for users.
 *
 * <p>Loop-confined. Callback order is the transport's; the handler's Task failing is reported to the loop's
 * exception handler ({@code "Unhandled exception in client_connected_cb"}) and closes the connection.
 */
public final class StreamProtocol extends FlowControlProtocol {
    /** Starts the client handler of a server connection as a Task (a Java body, or a Kotlin coroutine). */
    @FunctionalInterface
    public interface ClientStarter {
        /**
         * Starts the handler.
         *
         * @param reader the connection's reader
         * @param writer the connection's writer
         * @return the handler's Task
         */
        Future<?> start(StreamReader reader, StreamWriter writer);
    }

    private final StreamReader reader;
    private final ClientStarter onClient;
    private Transport transport;
    private StreamWriterImpl writer;
    private boolean overSsl;
    private boolean closed;
    private Throwable closedError;
    private Future<Void> closedWaiter;

    /**
     * A protocol feeding {@code reader}.
     *
     * @param loop the connection's loop
     * @param reader the reader to feed, or {@code null}
     * @param onClient for a server connection, what starts its handler; {@code null} for a client connection
     */
    public StreamProtocol(EventLoop loop, StreamReader reader, ClientStarter onClient) {
        super(loop);
        this.reader = reader;
        this.onClient = onClient;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        if (reader != null) {
            reader.setTransport(transport);
        }
        overSsl = transport.sslSession() != null;
        if (onClient != null) {
            StreamWriterImpl w = new StreamWriterImpl(transport, this, reader, loop);
            writer = w;
            Future<?> task = onClient.start(reader, w);
            task.addDoneCallback(t -> {
                if (t.isCancelled()) {
                    transport.close();
                    return;
                }
                Throwable e = t.exception();
                if (e != null) {
                    loop.callExceptionHandler(new ExceptionContext("Unhandled exception in client_connected_cb",
                            e, t, null));
                    transport.close();
                }
            });
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        // Over TLS the transport closes on end of file whatever we answer; say so rather than ask in vain.
        return !overSsl;
    }

    @Override
    public void connectionLost(Throwable error) {
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        closed = true;
        closedError = error;
        Future<Void> w = closedWaiter;
        if (w != null && !w.isDone()) {
            if (error == null) {
                w.setResult(null);
            } else {
                w.setException(error);
                w.exception(); // as CPython's __del__: nobody has to retrieve this one
            }
        }
        super.connectionLost(error);
    }

    @Override
    public Future<Void> closeWaiter() {
        Future<Void> w = closedWaiter;
        if (w == null) {
            w = loop.createFuture();
            closedWaiter = w;
            if (closed) {
                if (closedError == null) {
                    w.setResult(null);
                } else {
                    w.setException(closedError);
                }
            }
        }
        return w;
    }

    /**
     * The writer made for a server connection.
     *
     * @return the writer, or {@code null} for a client connection or before {@link #connectionMade(Transport)}
     */
    public StreamWriter writer() {
        return writer;
    }

    /**
     * The reader this protocol feeds.
     *
     * @return the reader, or {@code null}
     */
    public StreamReader reader() {
        return reader;
    }
}
