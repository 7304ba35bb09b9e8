package dev.asyncio4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.as_completed}: one Future per distinct input. As with CPython's coroutines that each take
 * the next item of a queue, the first of them to be <em>awaited</em> (or given a done-callback) finishes like the
 * first input to complete, the second one awaited like the second, and so on (its result, its exception, or a
 * {@link CancelledError} for a cancelled input). When the timeout passes first, the inputs still running count as
 * timed out: the Futures that would have received them fail with {@link TimeoutError}. The inputs are never cancelled.
 * Cancelling a returned Future gives up its turn without losing an input.
 */
final class AsCompleted<T> implements Consumer<Future<?>> {
    private static final Object TIMED_OUT = new Object();

    private final Set<Future<?>> todo = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Finished inputs (and TIMED_OUT markers) nobody has asked for yet, in completion order. */
    private final ArrayDeque<Object> arrived = new ArrayDeque<>();
    /** Returned Futures being waited for, in the order the waiting started. */
    private final ArrayDeque<Next> waiting = new ArrayDeque<>();
    private TimerHandle timeoutHandle;

    private AsCompleted(List<Future<? extends T>> inputs) {
        todo.addAll(inputs);
    }

    static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs, Double timeout) {
        Combinators.checkTimeout(timeout, "asCompleted");
        List<Future<? extends T>> unique = Combinators.distinct(fs, "asCompleted");
        if (unique.isEmpty()) {
            return Collections.emptyList();
        }
        EventLoop loop = unique.get(0).getLoop();
        AsCompleted<T> state = new AsCompleted<>(unique);
        for (Future<? extends T> f : unique) {
            f.addDoneCallback(state);
        }
        if (timeout != null) {
            state.timeoutHandle = loop.callLater(timeout, state::onTimeout);
        }
        List<Future<T>> next = new ArrayList<>(unique.size());
        for (int i = 0; i < unique.size(); i++) {
            next.add(state.new Next(loop));
        }
        return Collections.unmodifiableList(next);
    }

    /** An input finished (CPython's {@code _on_completion}). */
    @Override
    public void accept(Future<?> f) {
        if (!todo.remove(f)) {
            return; // the timeout was first
        }
        arrived.add(f);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
        deliver();
    }

    private void onTimeout() {
        for (Future<?> f : todo) {
            f.removeDoneCallback(this);
            arrived.add(TIMED_OUT);
        }
        todo.clear();
        deliver();
    }

    private void deliver() {
        while (!arrived.isEmpty() && !waiting.isEmpty()) {
            Next next = waiting.poll();
            if (next.isDone()) {
                continue;
            }
            Object item = arrived.poll();
            if (item == TIMED_OUT) {
                next.fail(new TimeoutError("asCompleted() timed out before this result arrived"));
            } else {
                @SuppressWarnings("unchecked")
                Future<T> input = (Future<T>) item;
                next.completeLike(input);
            }
        }
    }

    /** One returned Future: CPython's {@code _wait_for_one()} coroutine. */
    private final class Next extends OuterFuture<T> {
        private boolean waitingStarted;

        Next(EventLoop loop) {
            super(loop);
        }

        @Override
        void onDemand() {
            if (waitingStarted || isDone()) {
                return;
            }
            waitingStarted = true;
            waiting.add(this);
            deliver();
        }

        @Override
        boolean requestCancel(String message) {
            finishCancelled(message);
            return true;
        }
    }
}
