package dev.asyncio4j.internal;

import dev.asyncio4j.Future;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A done-callback through which another Future waits for the one it is registered on: a Task's wake-up step, or the
 * callback by which a combinator's Future (a gather, a shield, a {@code waitFor}, a task group's parent) follows its
 * inputs. These are the edges of the call graph ({@code Asyncio.captureCallGraph}): "who awaits this Future" is read
 * from its pending callbacks, so knowing it costs the hot paths nothing (CPython keeps a separate
 * {@code _asyncio_awaited_by} set for the same purpose). Not for users.
 *
 * <p><b>Thread-safety.</b> {@link #awaiter()} is read on the loop (or racily by a diagnostic dump); it must not
 * change once the callback is registered.
 */
public interface AwaiterLink {
    /**
     * The Future waiting through this callback.
     *
     * @return the awaiting Task or Future, or {@code null} when nothing the graph can show waits (a coroutine that is
     *         not a Task)
     */
    Future<?> awaiter();

    /**
     * Marks {@code callback} as the way {@code awaiter} waits: a callback object that is also an {@link AwaiterLink}.
     * For lambdas; a callback class can implement {@link AwaiterLink} itself and save the allocation.
     *
     * @param awaiter the waiting Future
     * @param callback the callback
     * @param <F> the callback's argument type
     * @return a callback that runs {@code callback}
     */
    static <F> Consumer<F> link(Future<?> awaiter, Consumer<F> callback) {
        return new Linked<>(awaiter, Objects.requireNonNull(callback, "callback"));
    }

    /** The callback of {@link #link}. */
    final class Linked<F> implements Consumer<F>, AwaiterLink {
        private final Future<?> awaiter;
        private final Consumer<F> callback;

        Linked(Future<?> awaiter, Consumer<F> callback) {
            this.awaiter = awaiter;
            this.callback = callback;
        }

        @Override
        public void accept(F f) {
            callback.accept(f);
        }

        @Override
        public Future<?> awaiter() {
            return awaiter;
        }

        @Override
        public String toString() {
            return callback.toString();
        }
    }
}
