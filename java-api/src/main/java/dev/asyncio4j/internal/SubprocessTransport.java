package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Protocol;
import dev.asyncio4j.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CPython's {@code base_subprocess.BaseSubprocessTransport}: the rules of one child process seen from its loop —
 * which pipes it has, when it is finished, and when {@code wait()} returns. The runtime supplies the process itself
 * (starting it, signalling it, observing its exit off the loop) and the pipe transports; their callbacks arrive here
 * on the loop. Internal: not for users.
 *
 * <p>The rule of {@link #waitFor()}, as in CPython 3.12-3.14: done at once when the exit status is known; otherwise
 * done once the process exited <em>and</em> every pipe is disconnected (stdout and stderr at end of file, stdin
 * closed), right after the protocol's {@code connectionLost}.
 *
 * <p>Loop-confined: every method runs on the process's loop.
 */
public abstract class SubprocessTransport {
    /** The file descriptor number of standard input. */
    public static final int STDIN = 0;
    /** The file descriptor number of standard output. */
    public static final int STDOUT = 1;
    /** The file descriptor number of standard error. */
    public static final int STDERR = 2;

    private static final String[] NAMES = {"stdin", "stdout", "stderr"};

    /** The process's loop. */
    protected final EventLoop loop;
    private final long pid;
    private SubprocessStreamProtocol protocol;
    private final boolean[] piped = new boolean[3];
    private final Transport[] pipes = new Transport[3];
    private final boolean[] disconnected = new boolean[3];
    private Integer returncode;
    private List<Future<Integer>> exitWaiters = new ArrayList<>(2);
    private boolean finished;
    private boolean closed;

    /**
     * The transport of a started process. The runtime then makes one pipe transport per piped stream, driving
     * {@link #pipeProtocol(int)}, and calls {@link #pipesConnected()}.
     *
     * @param loop the process's loop
     * @param protocol the process's protocol
     * @param pid the process id
     * @param stdin whether stdin is piped
     * @param stdout whether stdout is piped
     * @param stderr whether stderr is piped
     */
    protected SubprocessTransport(EventLoop loop, SubprocessStreamProtocol protocol, long pid, boolean stdin,
            boolean stdout, boolean stderr) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.pid = pid;
        piped[STDIN] = stdin;
        piped[STDOUT] = stdout;
        piped[STDERR] = stderr;
    }

    /**
     * CPython's {@code WriteSubprocessPipeProto} / {@code ReadSubprocessPipeProto}: the protocol the transport of
     * pipe {@code fd} drives. It registers the pipe transport at {@code connectionMade}, passes data, end of file
     * and write flow control on to this transport's protocol.
     *
     * @param fd {@link #STDIN}, {@link #STDOUT} or {@link #STDERR}
     * @return the pipe's protocol
     */
    protected final Protocol pipeProtocol(int fd) {
        if (fd < STDIN || fd > STDERR || !piped[fd]) {
            throw new IllegalArgumentException("no pipe for fd " + fd);
        }
        return new PipeProtocol(fd);
    }

    /**
     * Every pipe transport ran {@code connectionMade}: tells the process's protocol (CPython's
     * {@code connection_made} at the end of {@code _connect_pipes}). Before this, no pipe may deliver data.
     */
    protected final void pipesConnected() {
        for (int fd = STDIN; fd <= STDERR; fd++) {
            if (piped[fd] && pipes[fd] == null) {
                throw new IllegalStateException(NAMES[fd] + " is piped but its transport is not connected");
            }
        }
        protocol.connectionMade(this);
    }

    private final class PipeProtocol implements Protocol {
        private final int fd;

        PipeProtocol(int fd) {
            this.fd = fd;
        }

        @Override
        public void connectionMade(Transport transport) {
            pipes[fd] = Objects.requireNonNull(transport, "transport");
        }

        @Override
        public void dataReceived(byte[] data) {
            SubprocessStreamProtocol p = protocol;
            if (p != null) {
                p.pipeDataReceived(fd, data);
            }
        }

        @Override
        public void connectionLost(Throwable error) {
            pipeConnectionLost(fd, error);
        }

        @Override
        public void pauseWriting() {
            SubprocessStreamProtocol p = protocol;
            if (p != null) {
                p.pauseWriting();
            }
        }

        @Override
        public void resumeWriting() {
            SubprocessStreamProtocol p = protocol;
            if (p != null) {
                p.resumeWriting();
            }
        }

        @Override
        public String toString() {
            return "<SubprocessPipeProtocol fd=" + fd + " pipe=" + pipes[fd] + ">";
        }
    }

    private void pipeConnectionLost(int fd, Throwable error) {
        if (disconnected[fd]) {
            return;
        }
        disconnected[fd] = true;
        SubprocessStreamProtocol p = protocol;
        if (p != null) {
            try {
                p.pipeConnectionLost(fd, error);
            } catch (RuntimeException | StackOverflowError e) {
                report("Exception in callback pipe_connection_lost", e);
            }
        }
        tryFinish();
    }

    /**
     * The runtime observed the process's exit; call on the loop, once.
     *
     * @param status the exit status
     * @throws IllegalStateException when called twice
     */
    protected final void processExited(int status) {
        if (returncode != null) {
            throw new IllegalStateException("processExited called twice for pid " + pid);
        }
        returncode = status;
        SubprocessStreamProtocol p = protocol;
        if (p != null) {
            try {
                p.processExited();
            } catch (RuntimeException | StackOverflowError e) {
                report("Exception in callback process_exited", e);
            }
        }
        tryFinish();
    }

    private void tryFinish() {
        if (finished || returncode == null) {
            return;
        }
        for (int fd = STDIN; fd <= STDERR; fd++) {
            if (piped[fd] && !disconnected[fd]) {
                return;
            }
        }
        finished = true;
        loop.callSoon(this::callConnectionLost);
    }

    private void callConnectionLost() {
        try {
            SubprocessStreamProtocol p = protocol;
            if (p != null) {
                p.connectionLost(null);
            }
        } finally {
            List<Future<Integer>> waiters = exitWaiters;
            exitWaiters = null;
            protocol = null;
            for (Future<Integer> w : waiters) {
                if (!w.isDone()) {
                    w.setResult(returncode);
                }
            }
        }
    }

    private void report(String message, Throwable error) {
        loop.callExceptionHandler(new ExceptionContext(message + " (" + this + ")", error, null, null));
    }

    /**
     * CPython's {@code _wait()}: the exit status, at once when known, else once the process exited and every pipe
     * is disconnected.
     *
     * @return a Future of the exit status; cancelling it only stops this wait
     */
    public final Future<Integer> waitFor() {
        Integer status = returncode;
        Future<Integer> w = loop.createFuture();
        if (status != null) {
            w.setResult(status);
            return w;
        }
        List<Future<Integer>> waiters = exitWaiters;
        if (waiters.size() >= 16) {
            waiters.removeIf(Future::isDone); // waits cancelled by timeouts: nobody is left to wake
        }
        waiters.add(w);
        return w;
    }

    /**
     * The process id.
     *
     * @return the pid
     */
    public final long pid() {
        return pid;
    }

    /**
     * The exit status.
     *
     * @return the status, or {@code null} until the loop learnt of the exit
     */
    public final Integer returncode() {
        return returncode;
    }

    /**
     * The transport of a pipe.
     *
     * @param fd {@link #STDIN}, {@link #STDOUT} or {@link #STDERR}
     * @return the pipe's transport, or {@code null} when that stream is not piped
     */
    public final Transport pipeTransport(int fd) {
        return fd >= STDIN && fd <= STDERR ? pipes[fd] : null;
    }

    /**
     * Python's {@code terminate()}: {@code SIGTERM}, or nothing once the loop knows the process exited.
     */
    public final void terminate() {
        if (returncode == null) {
            destroy(false);
        }
    }

    /**
     * Python's {@code kill()}: {@code SIGKILL}, or nothing once the loop knows the process exited.
     */
    public final void kill() {
        if (returncode == null) {
            destroy(true);
        }
    }

    /**
     * CPython's {@code close()}: closes every pipe and kills the process if it still runs. Idempotent.
     */
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Transport pipe : pipes) {
            if (pipe != null) {
                pipe.close();
            }
        }
        if (returncode == null && isAlive()) {
            destroy(true);
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public final boolean isClosing() {
        return closed;
    }

    /**
     * Sends the process {@code SIGKILL} ({@code forcibly}) or {@code SIGTERM}. Must not block; a process that
     * already exited must be left alone (no signal to a recycled pid).
     *
     * @param forcibly {@code true} for {@code SIGKILL}
     */
    protected abstract void destroy(boolean forcibly);

    /**
     * Whether the process still runs, asked without waiting (CPython's {@code poll() is None}).
     *
     * @return {@code true} while it runs
     */
    protected abstract boolean isAlive();

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SubprocessTransport");
        if (closed) {
            s.append(" closed");
        }
        s.append(" pid=").append(pid);
        s.append(returncode != null ? " returncode=" + returncode : " running");
        for (int fd = STDIN; fd <= STDERR; fd++) {
            if (pipes[fd] != null) {
                s.append(' ').append(NAMES[fd]).append('=').append(pipes[fd]);
            }
        }
        return s.append('>').toString();
    }
}
