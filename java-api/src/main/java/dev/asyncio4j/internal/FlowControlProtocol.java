package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Protocol;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * CPython's {@code streams.FlowControlMixin}: the write flow control behind {@code StreamWriter.drain()}, for the
 * protocol of any stream (a socket connection, a process pipe). Internal: not for users.
 *
 * <p>Loop-confined: every method runs on the protocol's loop. A subclass overriding {@link #pauseWriting()},
 * {@link #resumeWriting()} or {@link #connectionLost(Throwable)} must call the method it overrides.
 */
public abstract class FlowControlProtocol implements Protocol {
    /** The protocol's loop. */
    protected final EventLoop loop;
    private boolean paused;
    private boolean connectionLost;
    private ArrayDeque<Future<Void>> drainWaiters;

    /**
     * Creates the protocol for a loop.
     *
     * @param loop the loop its transport runs on
     */
    protected FlowControlProtocol(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    @Override
    public void pauseWriting() {
        if (paused) {
            throw new IllegalStateException("pauseWriting() called twice without resumeWriting()");
        }
        paused = true;
    }

    @Override
    public void resumeWriting() {
        if (!paused) {
            throw new IllegalStateException("resumeWriting() called without pauseWriting()");
        }
        paused = false;
        wakeDrainWaiters(null);
    }

    @Override
    public void connectionLost(Throwable error) {
        connectionLost = true;
        if (paused) {
            wakeDrainWaiters(error);
        }
    }

    private void wakeDrainWaiters(Throwable error) {
        ArrayDeque<Future<Void>> waiters = drainWaiters;
        if (waiters == null) {
            return;
        }
        drainWaiters = null;
        for (Future<Void> w : waiters) {
            if (!w.isDone()) {
                if (error == null) {
                    w.setResult(null);
                } else {
                    w.setException(error);
                }
            }
        }
    }

    /**
     * CPython's {@code _drain_helper}: done at once unless writing is paused; then done when it resumes, or
     * failed when the connection is lost with an error.
     *
     * @param completed the Future to return when nothing needs waiting (a done one the caller keeps)
     * @return the Future to wait on
     */
    public Future<Void> drainHelper(Future<Void> completed) {
        if (connectionLost) {
            return failed(loop, new UncheckedIOException(new SocketException("Connection lost")));
        }
        if (!paused) {
            return completed;
        }
        Future<Void> w = loop.createFuture();
        ArrayDeque<Future<Void>> waiters = drainWaiters;
        if (waiters == null) {
            waiters = new ArrayDeque<>(2);
            drainWaiters = waiters;
        } else if (waiters.size() >= 16) {
            waiters.removeIf(Future::isDone); // drains cancelled while paused: nobody waits for them
        }
        waiters.add(w);
        return w;
    }

    /**
     * Whether the transport asked the writer to wait ({@link #pauseWriting()} without {@link #resumeWriting()}).
     *
     * @return {@code true} while paused
     */
    public boolean isWritingPaused() {
        return paused;
    }

    /**
     * The Future {@code StreamWriter.waitClosed()} returns.
     *
     * @return done when the connection is closed
     */
    public abstract Future<Void> closeWaiter();

    /**
     * A Future of {@code loop} failed with {@code error}.
     *
     * @param loop the loop
     * @param error the error
     * @param <T> the result type
     * @return the failed Future
     */
    public static <T> Future<T> failed(EventLoop loop, Throwable error) {
        Future<T> f = loop.createFuture();
        f.setException(error);
        return f;
    }
}
