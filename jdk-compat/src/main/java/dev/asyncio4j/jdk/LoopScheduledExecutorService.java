package dev.asyncio4j.jdk;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.TimerHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EventLoop} seen as a {@link ScheduledExecutorService}: tasks run on the loop, delays are the loop's
 * timers ({@link EventLoop#callAt}) on the loop's clock ({@link EventLoop#time()}). For JDK libraries that want a
 * scheduler (retries, timeouts, {@code CompletableFuture.delayedExecutor}-style code) and should call back on the
 * loop.
 *
 * <p><b>Ordering.</b> {@code execute}/{@code submit} run in submission order with every other {@code callSoon}; delayed
 * tasks fire by deadline, FIFO among equal deadlines. Tasks run one at a time on the loop, may use the loop's API,
 * and must not block it. A fixed-rate task that falls behind runs again on the next iteration, never concurrently.
 *
 * <p><b>Cancellation.</b> Cancelling a returned future removes its timer from the loop (thread-safely); the
 * {@code mayInterruptIfRunning} flag is ignored, since a task runs on the loop's own thread.
 *
 * <p><b>Shutdown.</b> This service does not own the loop: {@link #shutdown()} and {@link #shutdownNow()} never stop
 * or close it. After {@code shutdown()}, new tasks are rejected, periodic tasks are cancelled, and one-shot delayed
 * tasks already scheduled still run (the defaults of {@link java.util.concurrent.ScheduledThreadPoolExecutor}).
 * {@code shutdownNow()} also cancels every task that has not started and returns them. The service is terminated
 * when it is shut down and no task is left, or when the loop is closed (tasks still pending then never run, and
 * their futures stay pending). {@link #awaitTermination} must not be called on the loop's own thread (it would wait
 * for itself): it throws {@link IllegalStateException} there. Once the loop is closed, new tasks are rejected with
 * {@link RejectedExecutionException}.
 *
 * <p>Thread-safe.
 */
public final class LoopScheduledExecutorService extends AbstractExecutorService implements ScheduledExecutorService {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final EventLoop loop;
    private final Set<LoopTask<?>> outstanding = ConcurrentHashMap.newKeySet();
    private final Object termination = new Object();
    private volatile boolean shutdown;

    private LoopScheduledExecutorService(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * The scheduled-executor view of a loop.
     *
     * @param loop the loop
     * @return a service running tasks on {@code loop}
     */
    public static LoopScheduledExecutorService of(EventLoop loop) {
        return new LoopScheduledExecutorService(Objects.requireNonNull(loop, "loop"));
    }

    /**
     * The loop tasks run on.
     *
     * @return the loop
     */
    public EventLoop loop() {
        return loop;
    }

    // ------------------------------------------------------------------ submitting

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        LoopTask<?> task = command instanceof LoopTask<?> t && t.owner() == this
                ? t : new LoopTask<>(Executors.callable(command, null), Double.NaN, 0);
        start(task, () -> task.run());
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new LoopTask<>(callable, Double.NaN, 0);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new LoopTask<>(Executors.callable(runnable, value), Double.NaN, 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return schedule(Executors.callable(command, null), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Objects.requireNonNull(callable, "callable");
        LoopTask<V> task = new LoopTask<>(callable, deadline(delay, unit), 0);
        start(task, task::arm);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return periodic(command, initialDelay, period, unit, true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return periodic(command, initialDelay, delay, unit, false);
    }

    private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit,
            boolean fixedRate) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(unit, "unit");
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive, got " + period + " " + unit);
        }
        double seconds = unit.toNanos(period) / 1e9;
        LoopTask<Object> task = new LoopTask<>(Executors.callable(command, null), deadline(initialDelay, unit),
                fixedRate ? seconds : -seconds);
        start(task, task::arm);
        return task;
    }

    private double deadline(long delay, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return loop.time() + unit.toNanos(delay) / 1e9;
    }

    /** Registers the task and posts its first step to the loop, or rejects it. */
    private void start(LoopTask<?> task, Runnable onLoop) {
        if (shutdown) {
            throw new RejectedExecutionException("this LoopScheduledExecutorService was shut down");
        }
        outstanding.add(task);
        try {
            if (loop.isClosed()) {
                throw new IllegalStateException("the event loop is closed");
            }
            loop.callSoonThreadsafe(onLoop);
        } catch (IllegalStateException closed) {
            outstanding.remove(task);
            throw new RejectedExecutionException("the event loop is closed: " + loop, closed);
        }
    }

    // ------------------------------------------------------------------ shutdown

    @Override
    public void shutdown() {
        shutdown = true;
        for (LoopTask<?> task : outstanding) {
            if (task.isPeriodic()) {
                task.cancel(false);
            }
        }
        signalTermination();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> never = new ArrayList<>();
        for (LoopTask<?> task : outstanding) {
            if (!task.started && task.cancel(false)) {
                never.add(task);
            } else if (task.isPeriodic()) {
                task.cancel(false);
            }
        }
        signalTermination();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && (outstanding.isEmpty() || loop.isClosed());
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (onLoopThread()) {
            throw new IllegalStateException("awaitTermination() on the loop's own thread would wait for itself: "
                    + "check isTerminated() instead, or wait from another thread");
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (termination) {
            while (!isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // bounded slices: a loop that gets closed sends no notification
                TimeUnit.NANOSECONDS.timedWait(termination, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    private boolean onLoopThread() {
        try {
            return Asyncio.getRunningLoop() == loop;
        } catch (IllegalStateException noRunningLoop) {
            return false;
        }
    }

    private void signalTermination() {
        synchronized (termination) {
            termination.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "LoopScheduledExecutorService[" + loop + (shutdown ? ", shut down" : "") + ", tasks="
                + outstanding.size() + "]";
    }

    // ------------------------------------------------------------------ tasks

    /**
     * A task of this service. {@code deadline} is loop time (NaN for immediate tasks); {@code period} is positive for
     * fixed rate, negative for fixed delay, zero for one-shot. {@link #timer} is touched on the loop only.
     */
    private final class LoopTask<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long sequence = SEQUENCE.getAndIncrement();
        private final double period;
        private volatile double deadline;
        private volatile boolean started;
        private TimerHandle timer;

        LoopTask(Callable<V> callable, double deadline, double period) {
            super(callable);
            this.deadline = deadline;
            this.period = period;
        }

        LoopScheduledExecutorService owner() {
            return LoopScheduledExecutorService.this;
        }

        /** On the loop: set the timer for the current deadline. */
        void arm() {
            if (!isDone()) {
                timer = loop.callAt(deadline, this);
            }
        }

        @Override
        public void run() {
            started = true;
            timer = null;
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset() && !shutdown) {
                deadline = period > 0 ? deadline + period : loop.time() - period;
                arm();
            } else if (!isDone()) {
                cancel(false); // shut down between two runs
            }
        }

        @Override
        protected void done() {
            outstanding.remove(this);
            if (isCancelled() && !loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> {
                        if (timer != null) {
                            timer.cancel();
                            timer = null;
                        }
                    });
                } catch (IllegalStateException closedMeanwhile) {
                    // nothing left to cancel
                }
            }
            signalTermination();
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            double d = deadline;
            if (Double.isNaN(d)) {
                return 0;
            }
            return unit.convert(Math.round((d - loop.time()) * 1e9), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other == this) {
                return 0;
            }
            int byDelay = Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
            if (byDelay != 0 || !(other instanceof LoopScheduledExecutorService.LoopTask<?> t)) {
                return byDelay;
            }
            return Long.compare(sequence, t.sequence);
        }
    }
}
