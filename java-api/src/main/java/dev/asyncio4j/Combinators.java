package dev.asyncio4j;

import dev.asyncio4j.internal.FutureBase;
import dev.asyncio4j.internal.RethrowRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Checks and small helpers the combinators share. */
final class Combinators {
    private Combinators() {
    }

    /**
     * The distinct Futures of {@code fs} in first-seen order (compared by identity, as Python's {@code set(fs)}),
     * all of one loop.
     */
    static <F extends Future<?>> List<F> distinct(Collection<? extends F> fs, String what) {
        Objects.requireNonNull(fs, "fs");
        Map<F, Boolean> seen = new IdentityHashMap<>();
        List<F> unique = new ArrayList<>(fs.size());
        EventLoop loop = null;
        for (F f : fs) {
            Objects.requireNonNull(f, () -> what + "() got a null Future: pass Futures or Tasks only");
            if (loop == null) {
                loop = f.getLoop();
            } else if (f.getLoop() != loop) {
                throw differentLoops(what);
            }
            if (seen.put(f, Boolean.TRUE) == null) {
                unique.add(f);
            }
        }
        return unique;
    }

    static IllegalArgumentException differentLoops(String what) {
        return new IllegalArgumentException(what + "(): the Futures belong to different event loops; "
                + "combine only Futures of one loop");
    }

    static void checkTimeout(Double timeout, String what) {
        if (timeout != null && timeout.isNaN()) {
            throw new IllegalArgumentException(what + "() timeout is NaN: pass a number of seconds, or null for none");
        }
    }

    /**
     * Finishes {@code to} like {@code from} (done); a cancellation is copied as a cancellation. {@code to} is a loop
     * Future ({@code createFuture()}), and every Future of the SDK is the one core.
     */
    static <T> void copyOutcome(Future<? extends T> from, Future<T> to) {
        ((FutureBase<T>) to).completeLike(from);
    }

    /**
     * Python's {@code async with primitive: body} ({@code _ContextManagerMixin}) in a Java body: waits for
     * {@code acquired}, runs {@code body} inline, and calls {@code release} however it ends.
     */
    static <T> T holding(Future<?> acquired, Runnable release, Coroutine<T> body) {
        Asyncio.await(acquired);
        try {
            return runInline(body);
        } finally {
            release.run();
        }
    }

    /** Runs a coroutine body inline in the current one; its failure follows the rethrow rule. */
    static <T> T runInline(Coroutine<T> body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw RethrowRule.rethrow(e);
        }
    }

}
