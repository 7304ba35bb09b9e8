package dev.asyncio4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of {@link FutureChains#runOnLoop} (Python's {@code run_coroutine_threadsafe}): a thread that blocks on it
 * ({@link #get()}, {@link #get(long, TimeUnit)}, {@link #join()}) waits for the loop. When that thread is one of the
 * loop's executor jobs, the job stops counting as outside work while it blocks ({@link LoopInternals#pauseOutsideWork})
 * — a virtual-time loop would otherwise wait for the job while the job waits for the loop's clock — and counts again
 * before the future completes (the completing thread, usually the loop, does it first), so the loop never sees the
 * job gone while it still runs. Futures derived from this one ({@code thenApply}, ...) are plain ones.
 *
 * <p><b>Thread-safety.</b> Thread-safe, like {@link CompletableFuture}.
 *
 * @param <T> the result type
 */
final class LoopWaitingFuture<T> extends CompletableFuture<T> {
    private final LoopInternals loop;
    /** What counts each job blocked here again; guarded by {@code this}, null once completed. */
    private List<Runnable> pausedJobs = new ArrayList<>(1);

    LoopWaitingFuture(LoopInternals loop) {
        this.loop = loop;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        Runnable resume = pause();
        try {
            return super.get();
        } finally {
            resume(resume);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        Runnable resume = pause();
        try {
            return super.get(timeout, unit);
        } finally {
            resume(resume);
        }
    }

    @Override
    public T join() {
        Runnable resume = pause();
        try {
            return super.join();
        } finally {
            resume(resume);
        }
    }

    @Override
    public boolean complete(T value) {
        settle();
        return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        settle();
        return super.completeExceptionally(ex);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        settle();
        return super.cancel(mayInterruptIfRunning);
    }

    private synchronized Runnable pause() {
        if (pausedJobs == null || isDone()) return null;
        Runnable resume = loop.pauseOutsideWork();
        if (resume != null) pausedJobs.add(resume);
        return resume;
    }

    /** A paused job stops blocking: it counts again (a no-op when completion already counted it). */
    private void resume(Runnable resume) {
        if (resume == null) return;
        synchronized (this) {
            if (pausedJobs != null) pausedJobs.remove(resume);
        }
        resume.run();
    }

    /** Before completing: every job blocked here counts again, before anything can see the future done. */
    private synchronized void settle() {
        if (pausedJobs == null) return;
        for (Runnable resume : pausedJobs) resume.run();
        pausedJobs = null;
    }
}
