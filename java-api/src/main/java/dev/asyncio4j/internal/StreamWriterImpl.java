package dev.asyncio4j.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.StreamReader;
import dev.asyncio4j.StreamWriter;
import dev.asyncio4j.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * CPython's {@code StreamWriter} over a {@link Transport} and a {@link FlowControlProtocol}. Internal: users see
 * {@link StreamWriter}.
 *
 * <p>Loop-confined, as the transport.
 */
public final class StreamWriterImpl implements StreamWriter {
    private final Transport transport;
    private final FlowControlProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;
    private Future<Void> complete;

    /**
     * A writer.
     *
     * @param transport where the bytes go
     * @param protocol the connection's protocol (flow control and the close waiter)
     * @param reader the connection's reader, whose error {@link #drain()} reports first; {@code null} for none
     * @param loop the connection's loop
     */
    public StreamWriterImpl(Transport transport, FlowControlProtocol protocol, StreamReader reader, EventLoop loop) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.reader = reader;
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    @Override
    public void write(byte[] data) {
        transport.write(Objects.requireNonNull(data, "data"));
    }

    @Override
    public void writeLines(List<byte[]> lines) {
        Objects.requireNonNull(lines, "lines");
        for (byte[] line : lines) {
            Objects.requireNonNull(line, "lines holds a null element");
        }
        for (byte[] line : lines) {
            transport.write(line);
        }
    }

    @Override
    public Future<Void> drain() {
        if (reader != null) {
            Throwable e = reader.exception();
            if (e != null) {
                return FlowControlProtocol.failed(loop, e);
            }
        }
        if (transport.isClosing()) {
            // Let connectionLost run first (one loop iteration), so a write-drain loop on a closed socket sees the
            // error instead of spinning, as CPython's drain() does with sleep(0).
            return Asyncio.sleep(0).thenCompose(ignored -> protocol.drainHelper(completed()));
        }
        return protocol.drainHelper(completed());
    }

    private Future<Void> completed() {
        Future<Void> c = complete;
        if (c == null) {
            c = loop.createFuture();
            c.setResult(null);
            complete = c;
        }
        return c;
    }

    @Override
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    @Override
    public void writeEof() {
        transport.writeEof();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public boolean isClosing() {
        return transport.isClosing();
    }

    @Override
    public Future<Void> waitClosed() {
        return protocol.closeWaiter();
    }

    @Override
    public InetSocketAddress peerAddress() {
        return transport.peerAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
    }
}
