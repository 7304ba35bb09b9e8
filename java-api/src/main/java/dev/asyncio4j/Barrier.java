package dev.asyncio4j;

/**
 * Python's {@code asyncio.Barrier}: {@code parties} coroutines each call {@link #waitAsync()}, and all of them
 * proceed once the last one arrived; then the barrier can be used again.
 *
 * <p>States, as in CPython: filling (waiters arriving), draining (the released waiters leaving; newcomers wait
 * until it is empty), resetting ({@link #reset()} while waiters were inside: they get {@link BrokenBarrierError})
 * and broken ({@link #abort()}: every current and future waiter gets {@link BrokenBarrierError} until a reset).
 * A cancelled {@code waitAsync()} leaves the barrier consistent (its count is given back).
 *
 * <p><b>Loop binding and threads.</b> Binds to the running loop on first wait; not thread-safe: use it only from
 * its loop's thread and coroutine bodies, from elsewhere through {@link EventLoop#callSoonThreadsafe(Runnable)}.
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} coroutines.
     *
     * @param parties how many must arrive, at least 1
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} coroutines are waiting (Python's {@code await barrier.wait()}).
     *
     * @return a Future of this caller's arrival index, 0 to {@code parties - 1}; it fails with
     *         {@link BrokenBarrierError} when the barrier is broken or reset while waiting
     * @throws IllegalStateException with no running loop, or from a loop other than the bound one
     */
    public Future<Integer> waitAsync() {
        Operation<Integer> op = new Operation<>(LoopBinding.running());
        op.awaitThen(cond.acquire(), (locked, error) -> {
            if (error != null) {
                op.fail(error);
                return;
            }
            block(op);
        });
        return op;
    }

    /** Blocks while the barrier drains or resets, then joins it. Runs holding the condition's lock. */
    private void block(Operation<Integer> op) {
        Future<Boolean> ready;
        try {
            ready = cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        } catch (RuntimeException e) {
            cond.release();
            op.fail(e);
            return;
        }
        op.awaitThen(ready, (v, error) -> {
            if (error == null && state == State.BROKEN) {
                error = new BrokenBarrierError("Barrier aborted: reset() it before waiting again");
            }
            if (error != null) {
                cond.release();
                op.fail(error);
                return;
            }
            int index = count++;
            if (index + 1 == parties) {
                state = State.DRAINING;
                cond.signalAll();
                leave(op, index, null);
                return;
            }
            op.awaitThen(cond.waitFor(() -> state != State.FILLING), (v2, error2) -> {
                if (error2 == null && (state == State.BROKEN || state == State.RESETTING)) {
                    error2 = new BrokenBarrierError("Abort or reset of barrier while waiting");
                }
                leave(op, index, error2);
            });
        });
    }

    private void leave(Operation<Integer> op, int index, Throwable error) {
        count--;
        exit();
        cond.release();
        if (error != null) {
            op.fail(error);
        } else {
            op.finish(index);
        }
    }

    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Returns the barrier to the empty filling state (Python's {@code await barrier.reset()}); coroutines waiting
     * in it get {@link BrokenBarrierError}.
     *
     * @return a Future done once the reset happened
     */
    public Future<Void> reset() {
        return underLock(() -> {
            if (count > 0) {
                state = State.RESETTING;
            } else {
                state = State.FILLING;
            }
        });
    }

    /**
     * Breaks the barrier (Python's {@code await barrier.abort()}): current and future waiters get
     * {@link BrokenBarrierError} until {@link #reset()}.
     *
     * @return a Future done once the barrier is broken
     */
    public Future<Void> abort() {
        return underLock(() -> state = State.BROKEN);
    }

    private Future<Void> underLock(Runnable change) {
        Operation<Void> op = new Operation<>(LoopBinding.running());
        op.awaitThen(cond.acquire(), (locked, error) -> {
            if (error != null) {
                op.fail(error);
                return;
            }
            try {
                change.run();
                cond.signalAll();
            } finally {
                cond.release();
            }
            op.finish(null);
        });
        return op;
    }

    /**
     * How many coroutines must call {@link #waitAsync()} to pass the barrier.
     *
     * @return the parties
     */
    public int parties() {
        return parties;
    }

    /**
     * How many coroutines wait in the barrier while it fills (0 while it drains, resets or is broken).
     *
     * @return the count
     */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /**
     * Whether the barrier is broken.
     *
     * @return {@code true} after {@link #abort()} until {@link #reset()}
     */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.name().toLowerCase(java.util.Locale.ROOT);
        if (!isBroken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }
}
