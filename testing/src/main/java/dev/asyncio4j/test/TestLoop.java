package dev.asyncio4j.test;

import dev.asyncio4j.EventLoop;

/**
 * An event loop in virtual time, for tests: a real loop of this SDK (same runtime, same ordering rules, Java and
 * Kotlin Tasks alike) whose {@link #time()} is a virtual clock starting at 0.0. Code on it that waits — Java
 * {@code Asyncio.sleep}, Kotlin {@code delay}, {@code callLater}/{@code callAt}, {@code waitFor}, {@code timeout},
 * {@code asCompleted} timeouts, Queue and Lock waits with timeouts — follows that one clock, so an hour of back-off
 * is tested in milliseconds.
 *
 * <p><b>Autojump</b> (on by default): when nothing is ready, {@code runUntilComplete}/{@code runForever} jump the
 * clock to the next timer at once — but while work outside the loop is outstanding (an executor or
 * {@code toThread} job, a subprocess or its pipes) the loop waits for it in real time instead of jumping over it.
 * A timer at {@code +∞} is never jumped to. With autojump off, timers fire only through {@link #advance(double)},
 * {@link #advanceTo(double)} and {@link #runUntilIdle()}; {@code runUntilComplete}/{@code runForever} run ready work
 * and wait in real time for outside work or thread-safe calls.
 *
 * <p><b>Not virtual</b>: {@code System.nanoTime()}/{@code currentTimeMillis()} in user code, {@code Thread.sleep},
 * and kotlinx dispatchers other than the loop's ({@code Dispatchers.IO}'s own {@code delay} runs in real time).
 *
 * <p><b>Threads</b>: like any loop, one thread drives it. The stepping methods run the loop on the calling thread
 * and are called while it is not running; {@link #advance(double)} and {@link #advanceTo(double)} may also be called
 * by code on the loop, where they only move the clock (what became due runs in the loop's next iterations).
 * {@link #time()} may be read from any thread.
 */
public interface TestLoop extends EventLoop {
    /**
     * A new loop whose clock starts at 0.0, autojump on. Close it when done (or run it with
     * {@code Asyncio.run(main, TestLoop::create)}, which does).
     *
     * @return the loop
     */
    static TestLoop create() {
        return new TestLoopImpl();
    }

    /**
     * Moves the clock forward by {@code seconds}, running every callback and timer due on the way, each timer at its
     * deadline (the clock reads the timer's time while it runs), in deadline order, with what they make ready.
     * Outside work is not waited for.
     *
     * @param seconds how far, {@code >= 0}
     * @throws IllegalArgumentException when negative or NaN
     * @throws IllegalStateException when the loop is closed, or runs in another thread
     */
    void advance(double seconds);

    /**
     * Moves the clock forward to {@code when}, as {@link #advance(double)}.
     *
     * @param when the time to reach, {@code >= time()}
     * @throws IllegalArgumentException when earlier than {@link #time()} or NaN
     * @throws IllegalStateException when the loop is closed, or runs in another thread
     */
    void advanceTo(double when);

    /**
     * Runs until nothing is ready at the current time (work that becomes ready meanwhile included); the clock stays.
     *
     * @throws IllegalStateException when the loop is closed or already running
     */
    void runReady();

    /**
     * Runs, jumping the clock through every timer (never to one at {@code +∞}), until nothing is ready or scheduled.
     * Outside work is not waited for: {@code runUntilComplete} does that.
     *
     * @throws IllegalStateException when the loop is closed or already running
     */
    void runUntilIdle();

    /**
     * Turns autojump on or off.
     *
     * @param on whether {@code runUntilComplete}/{@code runForever} jump the clock to the next timer when idle
     */
    void setAutojump(boolean on);

    /**
     * Whether autojump is on.
     *
     * @return {@code true} when {@code runUntilComplete}/{@code runForever} jump the clock to the next timer
     */
    boolean isAutojump();
}
