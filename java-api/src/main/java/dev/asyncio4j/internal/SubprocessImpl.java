package dev.asyncio4j.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.ProcessOutput;
import dev.asyncio4j.StreamReader;
import dev.asyncio4j.StreamWriter;
import dev.asyncio4j.Subprocess;
import dev.asyncio4j.Transport;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * CPython's {@code asyncio.subprocess.Process}: a {@link Subprocess} over its {@link SubprocessTransport} and
 * {@link SubprocessStreamProtocol}, with Python's {@code communicate} algorithm. Internal: users see
 * {@link Subprocess}.
 *
 * <p>Loop-confined, as the transport.
 */
public final class SubprocessImpl implements Subprocess {
    private final SubprocessTransport transport;
    private final EventLoop loop;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;

    /**
     * The process of a connected transport (after {@link SubprocessStreamProtocol#connectionMade}).
     *
     * @param transport the process's transport
     * @param protocol its protocol
     * @param loop its loop
     */
    public SubprocessImpl(SubprocessTransport transport, SubprocessStreamProtocol protocol, EventLoop loop) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.stdin = protocol.stdin();
        this.stdout = protocol.stdout();
        this.stderr = protocol.stderr();
    }

    @Override
    public long pid() {
        return transport.pid();
    }

    @Override
    public StreamWriter stdin() {
        return stdin;
    }

    @Override
    public StreamReader stdout() {
        return stdout;
    }

    @Override
    public StreamReader stderr() {
        return stderr;
    }

    @Override
    public Integer returncode() {
        return transport.returncode();
    }

    @Override
    public Future<Integer> waitFor() {
        return transport.waitFor();
    }

    @Override
    public void terminate() {
        transport.terminate();
    }

    @Override
    public void kill() {
        transport.kill();
    }

    @Override
    public Future<ProcessOutput> communicate(byte[] input) {
        if (input != null && stdin == null) {
            throw new IllegalArgumentException("communicate(input) needs a piped stdin: start the process with "
                    + "SubprocessOptions.withStdin(Stdio.PIPE), or pass null");
        }
        // All three at once (Python gathers three coroutines): a child blocked writing one pipe while we wait on
        // another is what deadlocks a sequential reader.
        Future<Void> fed = stdin != null ? feedStdin(input) : done(null);
        Future<byte[]> out = stdout != null ? readStream(SubprocessTransport.STDOUT, stdout) : done(null);
        Future<byte[]> err = stderr != null ? readStream(SubprocessTransport.STDERR, stderr) : done(null);
        Future<List<Object>> all = Asyncio.gather(fed, out, err);
        Future<ProcessOutput> result = loop.createFuture();
        all.addDoneCallback(g -> {
            if (g.isCancelled()) {
                if (!result.isDone()) {
                    result.cancel();
                }
                return;
            }
            // Retrieved even when nobody waits any more: a cancelled communicate ends its gather with a
            // CancelledError that must not be reported as never retrieved.
            Throwable error = g.exception();
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                result.setException(error);
                return;
            }
            List<Object> outputs = g.result();
            Future<Integer> exited = transport.waitFor();
            exited.addDoneCallback(w -> {
                if (result.isDone()) {
                    return;
                }
                if (w.isCancelled()) {
                    result.cancel();
                } else {
                    result.setResult(new ProcessOutput((byte[]) outputs.get(1), (byte[]) outputs.get(2)));
                }
            });
        });
        result.addDoneCallback(r -> {
            if (r.isCancelled()) {
                all.cancel(); // an exit waiter, if one was made, finds the result done and does nothing
            }
        });
        return result;
    }

    /** Python's {@code _feed_stdin}: write, drain (a broken pipe is not an error here), close. */
    private Future<Void> feedStdin(byte[] input) {
        if (input != null) {
            stdin.write(input);
        }
        Future<Void> drained = stdin.drain();
        Future<Void> fed = loop.createFuture();
        drained.addDoneCallback(d -> {
            if (fed.isDone()) {
                return;
            }
            if (d.isCancelled()) {
                fed.cancel();
                return;
            }
            Throwable error = d.exception();
            // Python ignores BrokenPipeError and ConnectionResetError: the child exited without reading it all.
            if (error != null && !(error instanceof UncheckedIOException)) {
                fed.setException(error);
                return;
            }
            stdin.close();
            fed.setResult(null);
        });
        fed.addDoneCallback(f -> {
            if (f.isCancelled()) {
                drained.cancel();
            }
        });
        return fed;
    }

    /** Python's {@code _read_stream}: everything to end of file, then the pipe is closed. */
    private Future<byte[]> readStream(int fd, StreamReader stream) {
        Transport pipe = transport.pipeTransport(fd);
        Future<byte[]> read = stream.read(-1);
        read.addDoneCallback(r -> {
            if (!r.isCancelled() && r.exception() == null) {
                pipe.close();
            }
        });
        return read;
    }

    private <T> Future<T> done(T value) {
        Future<T> f = loop.createFuture();
        f.setResult(value);
        return f;
    }

    @Override
    public String toString() {
        return "<Subprocess " + transport.pid() + ">";
    }
}
