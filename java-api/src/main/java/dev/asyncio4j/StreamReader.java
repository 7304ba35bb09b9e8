package dev.asyncio4j;

import dev.asyncio4j.internal.AwaitedReads;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Python's {@code asyncio.StreamReader}: a byte buffer fed by a connection (or by hand, with
 * {@link #feedData(byte[])} and {@link #feedEof()}) and read by one coroutine at a time.
 *
 * <p><b>Threading.</b> Loop-confined and not thread-safe: feed it and read it on one loop (its callbacks, its
 * Tasks, its Java bodies). The reader binds to the running loop the first time a read has to wait, and refuses
 * every other loop afterwards. From another thread, feed it through {@code loop.callSoonThreadsafe(...)}.
 *
 * <p><b>Cancellation.</b> Every read is cancellation-safe: cancelling the Future of a read that waits for data
 * consumes nothing, so a later read sees every byte. The Futures behave like Tasks: {@code cancel()} is a request
 * and the read ends cancelled after it stopped waiting.
 *
 * <p><b>One reader at a time.</b> As in Python, two reads must not wait at once: the second fails with
 * {@link IllegalStateException}.
 *
 * <p><b>Limit.</b> {@link #readLine()} and {@link #readUntil(byte[])} refuse lines longer than the limit (default
 * 64 KiB); a connection stops reading from its socket while more than twice the limit is buffered, and resumes
 * once a read brought the buffer down to the limit.
 *
 * <pre>{@code
 * StreamReader r = new StreamReader();
 * r.feedData("hello\nworld".getBytes(StandardCharsets.US_ASCII));
 * r.feedEof();
 * Asyncio.await(r.readLine());   // "hello\n"
 * Asyncio.await(r.read(-1));     // "world"
 * }</pre>
 */
public class StreamReader {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};
    /** An emptied buffer larger than this is dropped, so an idle connection holds no large array. */
    private static final int KEEP_CAPACITY = 4096;

    private final LoopBinding binding = new LoopBinding();
    private final int limit;
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private Transport transport;
    private boolean paused;

    /** A reader with the default limit of 64 KiB. */
    public StreamReader() {
        this(StreamOptions.DEFAULT_LIMIT);
    }

    /**
     * A reader with a limit.
     *
     * @param limit the longest line {@link #readLine()} and {@link #readUntil(byte[])} return, in bytes
     * @throws IllegalArgumentException when {@code limit <= 0}
     */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: pass a positive number of bytes (default "
                    + StreamOptions.DEFAULT_LIMIT + ")");
        }
        this.limit = limit;
    }

    // ------------------------------------------------------------------ feeding

    /**
     * Appends bytes to the buffer and wakes the waiting read.
     *
     * @param data the bytes (copied); an empty array does nothing
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (eof) {
            throw new IllegalStateException("feedData after feedEof: a reader takes no data once it saw end of file");
        }
        if (data.length == 0) {
            return;
        }
        append(data);
        wakeupWaiter();
        Transport t = transport;
        if (t != null && !paused && size() > 2L * limit) {
            try {
                t.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException cannotPause) {
                // The transport cannot be paused: buffer everything, and stop trying (as Python does).
                transport = null;
            }
        }
    }

    /** Marks end of file and wakes the waiting read. Idempotent. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /**
     * Whether end of file was fed and the buffer is empty.
     *
     * @return {@code true} when no read will return data any more
     */
    public boolean atEof() {
        return eof && start == end;
    }

    /**
     * Makes the waiting read and every later read fail with {@code error} (a connection does this when it is lost
     * with an error: {@link java.io.UncheckedIOException} for a reset).
     *
     * @param error the error
     * @throws NullPointerException if {@code error} is null
     */
    public void setException(Throwable error) {
        Objects.requireNonNull(error, "error");
        exception = error;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isCancelled()) {
                w.setException(error);
            }
        }
    }

    /**
     * The error set with {@link #setException(Throwable)} (Python's {@code exception()}).
     *
     * @return the error, or {@code null}
     */
    public Throwable exception() {
        return exception;
    }

    /**
     * Connects the reader to the transport that feeds it, so it can pause the transport's reading while its buffer
     * is full (Python's {@code set_transport}). For protocol implementations; a connection does this itself.
     *
     * @param transport the transport
     * @throws NullPointerException if {@code transport} is null
     * @throws IllegalStateException when a transport was already set
     */
    public void setTransport(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set: a reader belongs to one connection");
        }
        this.transport = transport;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads up to {@code n} bytes: waits until at least one byte is buffered (or end of file), then returns what
     * is there, at most {@code n}. With {@code n = -1}, reads until end of file.
     *
     * @param n the most bytes to return, {@code 0} for an empty result at once, {@code -1} for everything
     * @return the bytes; empty at end of file
     * @throws IllegalArgumentException when {@code n < -1}
     */
    public Future<byte[]> read(int n) {
        if (n < -1) {
            throw new IllegalArgumentException("read size cannot be less than -1: pass -1 to read to end of file, "
                    + "got " + n);
        }
        Operation<byte[]> op = new Operation<>(binding.get(this));
        if (n == -1) {
            readAllStep(op, null);
        } else {
            readStep(op, n, true);
        }
        return op;
    }

    /**
     * Reads one line: up to and including {@code '\n'}. At end of file, the last bytes without a newline (empty
     * when none are left).
     *
     * @return the line; it fails with {@link IllegalArgumentException} (Python's {@code ValueError}) when the line
     *         is longer than the limit: a line whose newline is buffered is dropped with it, otherwise the buffer
     *         is cleared
     */
    public Future<byte[]> readLine() {
        Operation<byte[]> op = new Operation<>(binding.get(this));
        readUntilStep(op, NEWLINE, 0, true, true);
        return op;
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param n the count
     * @return the bytes; it fails with {@link IncompleteReadError} (holding the bytes read) when end of file comes
     *         first, and the buffer is then empty
     * @throws IllegalArgumentException when {@code n < 0}
     */
    public Future<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero, got " + n);
        }
        Operation<byte[]> op = new Operation<>(binding.get(this));
        readExactlyStep(op, n, true);
        return op;
    }

    /**
     * Reads up to and including {@code separator}.
     *
     * @param separator the bytes that end the chunk
     * @return the chunk, separator included; it fails with {@link IncompleteReadError} at end of file (holding the
     *         buffer, which is then empty), or with {@link LimitOverrunError} when the chunk is longer than the
     *         limit (the data stays buffered)
     * @throws NullPointerException if {@code separator} is null
     * @throws IllegalArgumentException when {@code separator} is empty
     */
    public Future<byte[]> readUntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string: pass for example "
                    + "new byte[] {'\\n'}");
        }
        Operation<byte[]> op = new Operation<>(binding.get(this));
        readUntilStep(op, separator.clone(), 0, false, true);
        return op;
    }

    private void readStep(Operation<byte[]> op, int n, boolean first) {
        if (first && exception != null) {
            op.fail(exception);
            return;
        }
        if (n == 0) {
            op.finish(EMPTY);
            return;
        }
        if (start == end && !eof) {
            awaitData(op, "read", () -> readStep(op, n, false));
            return;
        }
        byte[] data = take(Math.min(n, size()));
        maybeResumeTransport();
        op.finish(data);
    }

    private void readAllStep(Operation<byte[]> op, List<byte[]> blocks) {
        // Python calls read(limit) until it returns nothing: the same, without a Future per block.
        List<byte[]> got = blocks;
        while (true) {
            if (exception != null) {
                op.fail(exception);
                return;
            }
            if (start == end) {
                if (eof) {
                    op.finish(join(got));
                    return;
                }
                List<byte[]> sofar = got;
                awaitData(op, "read", () -> readAllStep(op, sofar));
                return;
            }
            if (got == null) {
                got = new ArrayList<>();
            }
            got.add(take(Math.min(limit, size())));
            maybeResumeTransport();
        }
    }

    private void readExactlyStep(Operation<byte[]> op, int n, boolean first) {
        if (first) {
            if (exception != null) {
                op.fail(exception);
                return;
            }
            if (n == 0) {
                op.finish(EMPTY);
                return;
            }
        }
        if (size() < n) {
            if (eof) {
                byte[] incomplete = take(size());
                op.fail(new IncompleteReadError(incomplete, n));
                return;
            }
            awaitData(op, "readexactly", () -> readExactlyStep(op, n, false));
            return;
        }
        byte[] data = take(n);
        maybeResumeTransport();
        op.finish(data);
    }

    /**
     * Python's {@code readuntil} (and, with {@code line}, {@code readline} around it). {@code offset} is how many
     * leading bytes are known to hold no separator.
     */
    private void readUntilStep(Operation<byte[]> op, byte[] sep, int offset, boolean line, boolean first) {
        if (first && exception != null) {
            op.fail(exception);
            return;
        }
        int seplen = sep.length;
        int isep;
        int off = offset;
        while (true) {
            int buflen = size();
            if (buflen - off >= seplen) {
                isep = indexOf(sep, off);
                if (isep != -1) {
                    break;
                }
                off = buflen + 1 - seplen;
                if (off > limit) {
                    overrun(op, "Separator is not found, and chunk exceed the limit", off, sep, line);
                    return;
                }
            }
            // A complete separator may have come with the last chunk before end of file: look first, then check.
            if (eof) {
                byte[] chunk = take(size());
                if (line) {
                    op.finish(chunk);
                } else {
                    op.fail(new IncompleteReadError(chunk, -1));
                }
                return;
            }
            int resumeAt = off;
            awaitData(op, "readuntil", () -> readUntilStep(op, sep, resumeAt, line, false));
            return;
        }
        if (isep > limit) {
            overrun(op, "Separator is found, but chunk is longer than limit", isep, sep, line);
            return;
        }
        byte[] chunk = take(isep + seplen);
        maybeResumeTransport();
        op.finish(chunk);
    }

    private void overrun(Operation<byte[]> op, String message, int consumed, byte[] sep, boolean line) {
        if (!line) {
            op.fail(new LimitOverrunError(message, consumed));
            return;
        }
        // readline: drop the over-long line when its newline is here, else everything buffered.
        if (startsWith(sep, consumed)) {
            discard(consumed + sep.length);
        } else {
            discard(size());
        }
        maybeResumeTransport();
        op.fail(new IllegalArgumentException(message));
    }

    /** Waits for {@link #feedData}, {@link #feedEof} or {@link #setException}, then continues with {@code next}. */
    private <T> void awaitData(Operation<T> op, String funcName, Runnable next) {
        if (exception != null) {
            // Python would wait here for data that never comes (the error was set after the data that woke this
            // read, in the same callback): fail with the error instead.
            op.fail(exception);
            return;
        }
        if (waiter != null) {
            op.fail(new IllegalStateException(funcName + "() called while another coroutine is already waiting for "
                    + "incoming data: read from one coroutine at a time"));
            return;
        }
        // Waiting while paused would never end: this is what lets readExactly(n) ask for more than the limit.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = binding.get(this).createFuture();
        waiter = w;
        // A socket's reader waiting for its peer: real work outside the loop, which a virtual clock must wait for.
        if (transport instanceof AwaitedReads awaited) {
            awaited.readerWaits(true);
            w.addDoneCallback(done -> awaited.readerWaits(false));
        }
        op.awaitThen(w, (ignored, error) -> {
            if (waiter == w) {
                waiter = null;
            }
            if (error != null) {
                op.fail(error);
            } else {
                next.run();
            }
        });
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isCancelled()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    // ------------------------------------------------------------------ the buffer: buf[start, end)

    private int size() {
        return end - start;
    }

    private void append(byte[] data) {
        int n = data.length;
        if (buf.length - end < n) {
            int size = size();
            if (buf.length - size >= n && start > 0 && size < buf.length / 2) {
                System.arraycopy(buf, start, buf, 0, size);
            } else {
                long want = Math.max((long) size + n, Math.max(2L * buf.length, 256));
                if (want > Integer.MAX_VALUE - 8) {
                    want = (long) size + n;
                }
                byte[] bigger = new byte[(int) want];
                System.arraycopy(buf, start, bigger, 0, size);
                buf = bigger;
            }
            start = 0;
            end = size;
        }
        System.arraycopy(data, 0, buf, end, n);
        end += n;
    }

    private byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        discard(n);
        return out;
    }

    private void discard(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > KEEP_CAPACITY) {
                buf = EMPTY;
            }
        }
    }

    private int indexOf(byte[] sep, int from) {
        int last = end - sep.length;
        byte first = sep[0];
        for (int i = start + from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            int k = 1;
            while (k < sep.length && buf[i + k] == sep[k]) {
                k++;
            }
            if (k == sep.length) {
                return i - start;
            }
        }
        return -1;
    }

    private boolean startsWith(byte[] sep, int at) {
        if (size() - at < sep.length) {
            return false;
        }
        for (int k = 0; k < sep.length; k++) {
            if (buf[start + at + k] != sep[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] join(List<byte[]> blocks) {
        if (blocks == null) {
            return EMPTY;
        }
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : blocks) {
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** Package-private for tests: the buffered bytes, as Python's tests read {@code stream._buffer}. */
    byte[] buffered() {
        return Arrays.copyOfRange(buf, start, end);
    }

    /** Package-private for tests: whether reading from the transport is paused. */
    boolean isPaused() {
        return paused;
    }

    /** Package-private for tests: whether a read waits. */
    boolean hasWaiter() {
        return waiter != null;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<StreamReader");
        if (start != end) {
            s.append(' ').append(size()).append(" bytes");
        }
        if (eof) {
            s.append(" eof");
        }
        if (limit != StreamOptions.DEFAULT_LIMIT) {
            s.append(" limit=").append(limit);
        }
        if (waiter != null) {
            s.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            s.append(" exception=").append(exception);
        }
        if (transport != null) {
            s.append(" transport=").append(transport);
        }
        if (paused) {
            s.append(" paused");
        }
        return s.append('>').toString();
    }
}
