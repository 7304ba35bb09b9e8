package dev.asyncio4j;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.wait}: a Future of the done and pending sets, completed when {@link ReturnWhen} says or
 * when the timeout passes. It never raises on timeout and never cancels the Futures; cancelling it only stops the
 * wait.
 */
final class Waits {
    private Waits() {
    }

    static <T> Future<WaitResult<T>> wait(Collection<? extends Future<? extends T>> fs, Double timeout,
                                          ReturnWhen returnWhen) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(returnWhen, "returnWhen: pass ReturnWhen.ALL_COMPLETED, FIRST_COMPLETED or FIRST_EXCEPTION");
        Combinators.checkTimeout(timeout, "wait");
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("wait() got an empty collection: pass at least one Future or Task");
        }
        List<Future<? extends T>> unique = Combinators.distinct(fs, "wait");
        EventLoop loop = unique.get(0).getLoop();
        Future<WaitResult<T>> waiter = loop.createFuture();
        new Waiting<>(loop, unique, timeout, returnWhen, waiter);
        return waiter;
    }

    /** The state of one {@code wait}: CPython's {@code _wait} with the result computed when the waiter is released. */
    private static final class Waiting<T> implements Consumer<Future<?>>, dev.asyncio4j.internal.AwaiterLink {
        private final List<Future<? extends T>> fs;
        private final ReturnWhen returnWhen;
        private final EventLoop loop;
        private final Future<WaitResult<T>> waiter;
        private final TimerHandle timeoutHandle;
        private int remaining;
        private boolean released;

        Waiting(EventLoop loop, List<Future<? extends T>> fs, Double timeout, ReturnWhen returnWhen,
                Future<WaitResult<T>> waiter) {
            this.loop = loop;
            this.fs = fs;
            this.returnWhen = returnWhen;
            this.waiter = waiter;
            this.remaining = fs.size();
            this.timeoutHandle = timeout == null ? null : loop.callLater(timeout, this::release);
            for (Future<? extends T> f : fs) {
                f.addDoneCallback(this);
            }
            waiter.addDoneCallback(w -> cleanUp());
        }

        /** Whoever awaits the wait awaits its Futures (the call graph). */
        @Override
        public Future<?> awaiter() {
            return waiter;
        }

        /** A Future finished (CPython's {@code _on_completion}). */
        @Override
        public void accept(Future<?> f) {
            remaining--;
            if (remaining <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null) {
                release();
            }
        }

        /**
         * The condition is met. As in CPython, where the Task running {@code wait} wakes one iteration after its
         * internal waiter is released, the sets are taken on the next iteration: Futures that finished meanwhile
         * count as done.
         */
        private void release() {
            if (released) {
                return;
            }
            released = true;
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            loop.callSoon(this::complete);
        }

        private void complete() {
            if (waiter.isDone()) {
                return;
            }
            Set<Future<T>> done = new LinkedHashSet<>();
            Set<Future<T>> pending = new LinkedHashSet<>();
            for (Future<? extends T> f : fs) {
                @SuppressWarnings("unchecked")
                Future<T> typed = (Future<T>) f;
                (f.isDone() ? done : pending).add(typed);
            }
            waiter.setResult(new Result<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(pending)));
        }

        private void cleanUp() {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (Future<? extends T> f : fs) {
                if (!f.isDone()) {
                    f.removeDoneCallback(this);
                }
            }
        }
    }

    /** The two sets, in the order the Futures were passed in. */
    private record Result<T>(Set<Future<T>> done, Set<Future<T>> pending) implements WaitResult<T> {
    }
}
