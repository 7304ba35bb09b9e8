package dev.asyncio4j;

import java.util.Objects;

/**
 * Python's {@code asyncio.shield}: an outer Future that finishes like the inner one, except that cancelling the
 * outer leaves the inner running. Whoever holds the inner still gets its result or failure.
 */
final class Shields {
    private Shields() {
    }

    static <T> Future<T> shield(Future<T> inner) {
        Objects.requireNonNull(inner, "f");
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.getLoop().createFuture();
        // Linked: whoever awaits the outer awaits the inner (CPython's shield records the same in the call graph).
        java.util.function.Consumer<Future<T>> innerDone = dev.asyncio4j.internal.AwaiterLink.link(outer, f -> {
            if (outer.isCancelled()) {
                if (!f.isCancelled()) {
                    f.exception(); // the outer's holder gave up; the failure is not "never retrieved" because of us
                }
                return;
            }
            if (!outer.isDone()) {
                Combinators.copyOutcome(f, outer);
            }
        });
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.isDone()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
