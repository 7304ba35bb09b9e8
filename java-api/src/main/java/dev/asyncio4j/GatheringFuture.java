package dev.asyncio4j;

import dev.asyncio4j.internal.AwaiterLink;

import dev.asyncio4j.internal.FutureBase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code asyncio.gather} and its {@code _GatheringFuture}: the results of all children in argument order.
 * Without {@code returnExceptions} the first failure (or cancellation) of a child fails it while the other children
 * keep running. Cancelling it cancels every unfinished child; it then fails with {@link CancelledError} once they are
 * all done, as in CPython.
 *
 * @param <E> the list's element type
 */
final class GatheringFuture<E> extends OuterFuture<List<E>> {
    private final List<Future<?>> children;
    private final boolean returnExceptions;
    private final int distinctChildren;
    private int finishedChildren;
    private boolean cancelRequested;

    private GatheringFuture(EventLoop loop, List<Future<?>> children, int distinctChildren, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinctChildren = distinctChildren;
        this.returnExceptions = returnExceptions;
    }

    static <E> Future<List<E>> gather(Collection<? extends Future<?>> fs, boolean returnExceptions) {
        Objects.requireNonNull(fs, "fs");
        if (fs.isEmpty()) {
            Future<List<E>> empty = Asyncio.getEventLoop().createFuture();
            empty.setResult(new ArrayList<>());
            return empty;
        }
        List<Future<?>> children = new ArrayList<>(fs.size());
        // Sized up front: growing an identity map of 200k Tasks was half the cost of gathering them.
        Map<Future<?>, Boolean> seen = new IdentityHashMap<>(fs.size());
        List<Future<?>> distinct = new ArrayList<>(fs.size());
        EventLoop loop = null;
        for (Future<?> f : fs) {
            Objects.requireNonNull(f, "gather() got a null Future: pass Futures or Tasks only");
            if (loop == null) {
                loop = f.getLoop();
            } else if (f.getLoop() != loop) {
                throw Combinators.differentLoops("gather");
            }
            if (seen.put(f, Boolean.TRUE) == null) {
                distinct.add(f);
            }
            children.add(f);
        }
        GatheringFuture<E> outer = new GatheringFuture<>(loop, children, distinct.size(), returnExceptions);
        List<Future<?>> alreadyDone = null;
        // one callback object for all; the link makes the children awaited by whoever awaits the gather (the call graph)
        java.util.function.Consumer<Future<?>> onChildDone = AwaiterLink.link(outer, outer::onChildDone);
        for (Future<?> f : distinct) {
            if (f.isDone()) {
                if (alreadyDone == null) {
                    alreadyDone = new ArrayList<>();
                }
                alreadyDone.add(f);
            } else {
                addDoneCallback(f, onChildDone);
            }
        }
        // CPython 3.12 accounts for finished children at once: gathering done Futures gives a done Future.
        if (alreadyDone != null) {
            for (Future<?> f : alreadyDone) {
                outer.onChildDone(f);
            }
        }
        return outer;
    }

    @SuppressWarnings("unchecked")
    private static <T> void addDoneCallback(Future<T> f, java.util.function.Consumer<Future<?>> cb) {
        f.addDoneCallback((java.util.function.Consumer<? super Future<T>>) (java.util.function.Consumer<?>) cb);
    }

    private void onChildDone(Future<?> child) {
        finishedChildren++;
        if (isDone()) {
            if (!child.isCancelled()) {
                child.exception(); // the failure was seen here: do not report it as never retrieved
            }
            return;
        }
        if (!returnExceptions) {
            if (child.isCancelled()) {
                fail(FutureBase.cancelledErrorOf(child));
                return;
            }
            Throwable error = child.exception();
            if (error != null) {
                fail(error);
                return;
            }
        }
        if (finishedChildren < distinctChildren) {
            return;
        }
        if (cancelRequested) {
            // Even with returnExceptions a cancelled gather ends in CancelledError (CPython bpo-32684).
            fail(FutureBase.cancelledErrorOf(child.isCancelled() ? child : anyCancelledChild()));
            return;
        }
        List<Object> results = new ArrayList<>(children.size());
        for (Future<?> f : children) {
            if (f.isCancelled()) {
                results.add(FutureBase.cancelledErrorOf(f));
            } else {
                Throwable error = f.exception();
                results.add(error != null ? error : f.result());
            }
        }
        @SuppressWarnings("unchecked")
        List<E> typed = (List<E>) results;
        finish(typed);
    }

    private Future<?> anyCancelledChild() {
        for (Future<?> f : children) {
            if (f.isCancelled()) {
                return f;
            }
        }
        return children.get(children.size() - 1);
    }

    @Override
    boolean requestCancel(String message) {
        boolean cancelledAny = false;
        for (Future<?> child : children) {
            if (child.cancel(message)) {
                cancelledAny = true;
            }
        }
        if (cancelledAny) {
            cancelRequested = true;
        }
        return cancelledAny;
    }
}
