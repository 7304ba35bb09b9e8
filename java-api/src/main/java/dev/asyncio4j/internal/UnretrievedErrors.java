package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Python's "exception was never retrieved" (CPython's {@code Future.__del__}): a failed Future nobody looked at is
 * reported to its loop's exception handler when it becomes unreachable or when the loop closes, whichever comes
 * first. Only failed Futures are tracked, so the cost stays off the success path. One tracker per loop.
 *
 * <p><b>Thread-safety.</b> Thread-safe: a Future's failure may be retrieved from a foreign thread (through its
 * CompletableFuture bridge), and the Cleaner's thread reports unreachable Futures through
 * {@code callSoonThreadsafe}.
 */
public final class UnretrievedErrors {
    private static final Cleaner CLEANER = Cleaner.create();

    private final EventLoop loop;
    /** Reports neither retrieved nor reported yet. */
    private final Set<Report> pending = ConcurrentHashMap.newKeySet();

    /**
     * A tracker for one loop.
     *
     * @param loop the loop whose exception handler gets the reports
     */
    public UnretrievedErrors(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Starts tracking a Future that just failed.
     *
     * @param future the failed Future (held weakly)
     * @param error its exception
     * @return the report, to be marked {@linkplain Report#retrieved() retrieved} when someone looks at the error
     */
    public Report track(Future<?> future, Throwable error) {
        Report report = new Report(future, error);
        pending.add(report);
        CLEANER.register(future, report);
        return report;
    }

    /** Reports every failure not retrieved so far (the loop is closing). */
    public void reportAll() {
        for (Report r : new ArrayList<>(pending)) {
            r.report();
        }
    }

    /** One failed Future's pending report. */
    public final class Report implements Runnable {
        private final WeakReference<Future<?>> futureRef;
        private final String message;
        private final String description;
        private final Throwable error;
        private final AtomicBoolean done = new AtomicBoolean();

        Report(Future<?> future, Throwable error) {
            this.futureRef = new WeakReference<>(future);
            this.message = (future instanceof Task ? "Task" : "Future") + " exception was never retrieved";
            this.description = future.toString();
            this.error = error;
        }

        /** The Future's owner looked at the error: never report it. */
        public void retrieved() {
            if (done.compareAndSet(false, true)) {
                pending.remove(this);
            }
        }

        /** The Cleaner's thread: the Future became unreachable. */
        @Override
        public void run() {
            if (done.get() || loop.isClosed()) {
                return;
            }
            try {
                loop.callSoonThreadsafe(this::report);
            } catch (IllegalStateException closed) {
                // closed meanwhile: close() reported it
            }
        }

        void report() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            pending.remove(this);
            Future<?> future = futureRef.get();
            loop.callExceptionHandler(new ExceptionContext(future == null ? message + ": " + description : message,
                    error, future, null));
        }
    }
}
