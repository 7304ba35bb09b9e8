package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.StreamReader;
import dev.asyncio4j.StreamWriter;
import dev.asyncio4j.Transport;

/**
 * CPython's {@code asyncio.subprocess.SubprocessStreamProtocol}: turns a child process's pipes into a
 * {@link StreamWriter} (stdin) and {@link StreamReader}s (stdout, stderr), and closes the
 * {@link SubprocessTransport} once the process exited and both output pipes are at end of file. Its write flow
 * control (inherited from {@link FlowControlProtocol}) is stdin's. Internal: not for users.
 *
 * <p>Loop-confined: every method runs on the process's loop.
 */
public final class SubprocessStreamProtocol extends FlowControlProtocol {
    private final int limit;
    private final Future<Void> stdinClosed;
    private SubprocessTransport transport;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;
    /** Bit {@code 1 << fd} for each output pipe still open (CPython's {@code _pipe_fds}). */
    private int openOutputPipes;
    private boolean processExited;

    /**
     * The protocol of one process.
     *
     * @param loop the process's loop; call on it
     * @param limit the buffer limit of the stdout and stderr readers
     */
    public SubprocessStreamProtocol(EventLoop loop, int limit) {
        super(loop);
        this.limit = limit;
        this.stdinClosed = loop.createFuture();
    }

    /**
     * The process started and its pipes are connected: makes the readers and the writer.
     *
     * @param transport the process's transport
     */
    public void connectionMade(SubprocessTransport transport) {
        this.transport = transport;
        Transport out = transport.pipeTransport(SubprocessTransport.STDOUT);
        if (out != null) {
            stdout = new StreamReader(limit);
            stdout.setTransport(out);
            openOutputPipes |= 1 << SubprocessTransport.STDOUT;
        }
        Transport err = transport.pipeTransport(SubprocessTransport.STDERR);
        if (err != null) {
            stderr = new StreamReader(limit);
            stderr.setTransport(err);
            openOutputPipes |= 1 << SubprocessTransport.STDERR;
        }
        Transport in = transport.pipeTransport(SubprocessTransport.STDIN);
        if (in != null) {
            stdin = new StreamWriterImpl(in, this, null, loop);
        }
    }

    /**
     * Bytes the child wrote to stdout ({@code fd} 1) or stderr (2).
     *
     * @param fd the pipe
     * @param data the bytes
     */
    public void pipeDataReceived(int fd, byte[] data) {
        StreamReader reader = reader(fd);
        if (reader != null) {
            reader.feedData(data);
        }
    }

    /**
     * A pipe closed: end of file (or {@code error}) for an output pipe; for stdin, the writer closes and its
     * {@code waitClosed()} completes.
     *
     * @param fd the pipe
     * @param error why, or {@code null} for a clean end
     */
    public void pipeConnectionLost(int fd, Throwable error) {
        if (fd == SubprocessTransport.STDIN) {
            if (stdin != null) {
                stdin.close();
            }
            connectionLost(error);
            if (error == null) {
                stdinClosed.setResult(null);
            } else {
                stdinClosed.setException(error);
                // Awaiting waitClosed() is optional: do not report the error as never retrieved (CPython's
                // _log_traceback = False).
                stdinClosed.exception();
            }
            return;
        }
        StreamReader reader = reader(fd);
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        openOutputPipes &= ~(1 << fd);
        maybeCloseTransport();
    }

    /** The loop learnt that the process exited. */
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (openOutputPipes == 0 && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    private StreamReader reader(int fd) {
        return fd == SubprocessTransport.STDOUT ? stdout : fd == SubprocessTransport.STDERR ? stderr : null;
    }

    /**
     * The writer of the child's stdin.
     *
     * @return the writer, or {@code null} unless stdin is piped
     */
    public StreamWriter stdin() {
        return stdin;
    }

    /**
     * The reader of the child's stdout.
     *
     * @return the reader, or {@code null} unless stdout is piped
     */
    public StreamReader stdout() {
        return stdout;
    }

    /**
     * The reader of the child's stderr.
     *
     * @return the reader, or {@code null} unless stderr is piped
     */
    public StreamReader stderr() {
        return stderr;
    }

    /** stdin's {@code waitClosed()}: done when the stdin pipe is closed. */
    @Override
    public Future<Void> closeWaiter() {
        return stdinClosed;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SubprocessStreamProtocol");
        if (stdin != null) {
            s.append(" stdin=").append(stdin);
        }
        if (stdout != null) {
            s.append(" stdout=").append(stdout);
        }
        if (stderr != null) {
            s.append(" stderr=").append(stderr);
        }
        return s.append('>').toString();
    }
}
