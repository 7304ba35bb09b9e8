package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;

/**
 * What the Future core ({@link FutureBase}) needs from its loop beyond the public {@link EventLoop}: scheduling
 * without a Handle, the loop's thread rule, and the "exception was never retrieved" tracker. The runtime's loop
 * implements it. Not for users.
 *
 * <p><b>Thread-safety.</b> {@link #enqueue} may only be called on the loop's thread (or while the loop does not
 * run); {@link #checkThread} and {@link #isOwnerThread} from any thread; {@link #unretrievedErrors} returns a
 * thread-safe tracker.
 */
public interface LoopInternals extends EventLoop {
    /**
     * Appends {@code r} to the loop's ready FIFO, as {@code callSoon} does but without a Handle or checks: for the
     * runtime's own callbacks (a Future running its done-callbacks, a Task's next step).
     *
     * @param r what to run on a later turn of the loop
     */
    void enqueue(Runnable r);

    /**
     * The loop's one thread rule (CPython's {@code _check_thread}, always on): while the loop runs, only its owner
     * thread may act on it and on its Futures. The owner is the thread running the loop's iterations, and during a
     * Java coroutine body's step, that body's thread.
     *
     * @param method the method being called, named in the message
     * @throws IllegalStateException from any other thread while the loop runs, naming the thread-safe ways in
     *                               ({@code callSoonThreadsafe}, {@code runCoroutineThreadsafe},
     *                               {@code toCompletableFuture})
     */
    void checkThread(String method);

    /**
     * Whether the calling thread is the loop's owner now (see {@link #checkThread}).
     *
     * @return {@code true} on the owner thread of a running loop
     */
    boolean isOwnerThread();

    /**
     * The loop's tracker of failed Futures whose exception nobody retrieved.
     *
     * @return the tracker
     */
    UnretrievedErrors unretrievedErrors();

    /**
     * Whether the loop's turn is passing to a Java coroutine body: a done-callback just asked for that body's step,
     * which runs as soon as the current callback of the loop returns. A Future running several callbacks stops then and
     * hands what is left to {@link #runNextAfterHandOff}, so that they still run right after that step, in order.
     * Loop thread only.
     *
     * @return {@code true} between the request and the step
     */
    default boolean handingOff() {
        return false;
    }

    /**
     * Runs {@code r} right after the step that is being handed off ({@link #handingOff}), before anything else in the
     * ready queue; several calls keep their order (the first one runs first). Loop thread only.
     *
     * @param r what is left of the callback that was running
     */
    default void runNextAfterHandOff(Runnable r) {
        enqueue(r);
    }

    /**
     * The calling thread is about to block until this loop completes something ({@link LoopWaitingFuture}): when it
     * runs one of the loop's executor jobs, that job stops counting as work outside the loop (which a virtual-time
     * loop waits for), so the loop does not wait for a job that waits for the loop. Thread-safe.
     *
     * @return what counts the job again (idempotent, thread-safe), or {@code null} when the calling thread runs no
     *         job of this loop
     */
    default Runnable pauseOutsideWork() {
        return null;
    }

    /**
     * The internals of an SDK loop.
     *
     * @param loop a loop made by {@code Asyncio.newEventLoop()} (or the runtime)
     * @return the same object, seen as {@link LoopInternals}
     * @throws IllegalArgumentException for a loop of another implementation
     */
    static LoopInternals of(EventLoop loop) {
        if (loop instanceof LoopInternals) {
            return (LoopInternals) loop;
        }
        if (loop == null) {
            throw new NullPointerException("loop");
        }
        throw new IllegalArgumentException("not an asyncio4j event loop: " + loop
                + "; create loops with Asyncio.newEventLoop() or Asyncio.run(...)");
    }
}
