package dev.asyncio4j;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport with no socket behind it, for the stream tests: it records what its user calls ({@link #calls}) and
 * what it writes ({@link #text()}). Like a real transport it drops writes once closing and reads nothing once
 * closed. Not thread-safe (the tests use it on one loop).
 */
public final class RecordingTransport implements Transport {
    /** The calls made, by name, in order (not {@code write}: see {@link #text()}). */
    public final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    /** When false, {@link #pauseReading()} throws (a transport that cannot pause). */
    public boolean canPause = true;
    /** Set by {@link #close()} and {@link #abort()}; a test sets it for a transport the peer closed. */
    public boolean closing;
    private boolean reading = true;

    /** What was written before the transport closed, as ASCII. */
    public String text() {
        return written.toString(US_ASCII);
    }

    @Override
    public void write(byte[] data) {
        if (!closing) {
            written.writeBytes(data);
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void writeEof() {
        calls.add("writeEof");
    }

    @Override
    public void close() {
        calls.add("close");
        closing = true;
    }

    @Override
    public void abort() {
        calls.add("abort");
        closing = true;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void pauseReading() {
        calls.add("pauseReading");
        if (!canPause) {
            throw new UnsupportedOperationException("cannot pause");
        }
        reading = false;
    }

    @Override
    public void resumeReading() {
        calls.add("resumeReading");
        reading = true;
    }

    @Override
    public boolean isReading() {
        return reading && !closing;
    }

    @Override
    public int getWriteBufferSize() {
        return 0;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        // nothing is ever buffered
    }

    @Override
    public InetSocketAddress peerAddress() {
        return null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }
}
