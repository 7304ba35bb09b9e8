package dev.asyncio4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.as_completed}: one Future per distinct input, the n-th finishing like the n-th input to
 * complete (its result, or its exception, or a {@link CancelledError} for a cancelled input). When the timeout passes
 * first, every Future not yet finished fails with {@link TimeoutError}. The inputs are never cancelled.
 *
 * <p>Cancelling one of the returned Futures gives up that slot only: the next completion goes to the next slot
 * still waiting, as CPython's {@code done.get()} loses nothing when it is cancelled.
 */
final class AsCompleted<T> implements Consumer<Future<?>> {
    private final Set<Future<?>> todo = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Future<T>> slots;
    /** Slots before this index are done. */
    private int firstWaitingSlot;
    private TimerHandle timeoutHandle;

    private AsCompleted(List<Future<? extends T>> todo) {
        this.todo.addAll(todo);
        EventLoop loop = todo.get(0).getLoop();
        this.slots = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            slots.add(loop.createFuture());
        }
    }

    static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> fs, Double timeout) {
        Combinators.checkTimeout(timeout, "asCompleted");
        List<Future<? extends T>> unique = Combinators.distinct(fs, "asCompleted");
        if (unique.isEmpty()) {
            return Collections.emptyList();
        }
        AsCompleted<T> state = new AsCompleted<>(unique);
        for (Future<? extends T> f : unique) {
            f.addDoneCallback(state);
        }
        if (timeout != null) {
            state.timeoutHandle = unique.get(0).getLoop().callLater(timeout, state::onTimeout);
        }
        return Collections.unmodifiableList(state.slots);
    }

    /** An input finished: it fills the first slot still waiting. */
    @Override
    public void accept(Future<?> f) {
        if (!todo.remove(f)) {
            return; // the timeout was first
        }
        Future<T> slot = nextWaitingSlot();
        if (slot != null) {
            @SuppressWarnings("unchecked")
            Future<T> typed = (Future<T>) f;
            Combinators.copyOutcome(typed, slot);
        } else if (!f.isCancelled()) {
            f.exception(); // every slot was given up: nobody will ask, so mark it seen
        }
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    private void onTimeout() {
        for (Future<?> f : todo) {
            f.removeDoneCallback(this);
        }
        todo.clear();
        for (Future<T> slot : slots) {
            if (!slot.isDone()) {
                slot.setException(new TimeoutError("asCompleted() timed out before this Future's turn came"));
            }
        }
    }

    private Future<T> nextWaitingSlot() {
        while (firstWaitingSlot < slots.size()) {
            Future<T> slot = slots.get(firstWaitingSlot);
            if (!slot.isDone()) {
                return slot;
            }
            firstWaitingSlot++;
        }
        return null;
    }
}
