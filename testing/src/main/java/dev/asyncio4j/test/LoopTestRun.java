package dev.asyncio4j.test;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One test on a loop, for {@link AsyncioTest} and Kotlin's {@code runLoopTest}: the main Task run to completion
 * under the wall-clock guard, then the end-of-test checks (pending Tasks, the exception handler's reports), then the
 * cleanup (leftover Tasks cancelled and drained, the default executor shut down, the loop closed). The failures are
 * thrown together: the first one, the others suppressed in it.
 */
final class LoopTestRun {
    /** One daemon thread for every test's wall-clock guard. */
    private static final ScheduledExecutorService GUARD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "asyncio4j-test-guard");
        t.setDaemon(true);
        return t;
    });

    private LoopTestRun() {
    }

    /**
     * Runs {@code main(loop)} on {@code loop}, checks, cleans up, closes the loop.
     *
     * @param loop a new loop, not running
     * @param main makes the main Task on the loop
     * @param timeoutSeconds the wall-clock guard
     * @param what the test, for messages
     * @throws Throwable the test's failure, or the checks' failures
     */
    static void run(EventLoop loop, Function<EventLoop, ? extends Future<?>> main, double timeoutSeconds, String what)
            throws Throwable {
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException(what + ": timeoutSeconds is " + timeoutSeconds
                    + "; pass a finite number of seconds > 0");
        }
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reported.add(context));
        Throwable failure = null;
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<String> outsideAtTimeout = new AtomicReference<>();
        try {
            Future<?> task = main.apply(loop);
            ScheduledFuture<?> guard = GUARD.schedule(() -> {
                if (loop instanceof TestLoopImpl testLoop) outsideAtTimeout.set(testLoop.describeOutsideWork());
                timedOut.set(true);
                try {
                    loop.callSoonThreadsafe(task::cancel);
                } catch (IllegalStateException closed) {
                    // the test ended meanwhile
                }
            }, (long) (timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
            try {
                loop.runUntilComplete(task);
            } catch (Throwable t) {
                // The body's own exception, not the rethrow rule's CompletionException around a checked one.
                failure = task.isDone() && !task.isCancelled() && task.exception() != null ? task.exception() : t;
            } finally {
                guard.cancel(false);
            }
            if (timedOut.get()) {
                AssertionError timeout = new AssertionError(what + " timed out: it ran longer than " + timeoutSeconds
                        + " s of wall-clock time (its loop's clock reads " + loop.time() + "), so its main Task was"
                        + " cancelled. " + waitingFor(outsideAtTimeout.get())
                        + " Raise timeoutSeconds if the real work needs longer.");
                if (failure != null) timeout.addSuppressed(failure);
                failure = timeout;
            }
            settle(loop);
            List<Task<?>> pending = new ArrayList<>(Asyncio.allTasks(loop));
            if (!pending.isEmpty()) {
                failure = add(failure, new AssertionError(what + " left " + pending.size() + " Task(s) pending: "
                        + pending.stream().map(Object::toString).collect(Collectors.joining(", "))
                        + ". Await them (or a TaskGroup) or cancel them before the test ends."));
                for (Task<?> t : pending) t.cancel();
                loop.runUntilComplete(Asyncio.gatherReturnExceptions(pending));
            }
            // After a timeout, stuck executor jobs are not waited for: close() shuts the executor down without.
            if (!timedOut.get()) loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            // Closing reports exceptions never retrieved to the handler, which collects them.
            loop.close();
        }
        for (ExceptionContext context : reported) {
            StringBuilder text = new StringBuilder(what).append(": the loop's exception handler was called: ")
                    .append(context.message());
            if (context.future() != null) text.append("; future: ").append(context.future());
            if (context.handle() != null) text.append("; handle: ").append(context.handle());
            failure = add(failure, new AssertionError(text.toString(), context.exception()));
        }
        if (failure != null) throw failure;
    }

    /** What the loop was waiting for when the guard struck, in words. */
    private static String waitingFor(String outside) {
        if (outside == null || outside.equals("none")) {
            return "Is it waiting for a thread-safe call that never comes (callSoonThreadsafe, a future completed by"
                    + " another thread), or for a Future nobody completes?";
        }
        return "Its loop was waiting in real time for work outside it: " + outside + ". A reader waiting for a peer"
                + " that never sends, or a job that never ends, is a bug in the test (or in the code under test):"
                + " make the peer send (or close), or end the job.";
    }

    /** Lets the work that the main Task's end made ready run (a TestLoop: until nothing is ready; else one turn). */
    private static void settle(EventLoop loop) {
        if (loop instanceof TestLoop testLoop) {
            testLoop.runReady();
        } else {
            loop.stop();
            loop.runForever();
        }
    }

    private static Throwable add(Throwable first, Throwable next) {
        if (first == null) return next;
        first.addSuppressed(next);
        return first;
    }
}
