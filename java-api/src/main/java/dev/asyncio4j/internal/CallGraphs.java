package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.FutureCallGraph;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * CPython 3.14's {@code asyncio.graph}: the await graph of a Future, built from its pending done-callbacks (each
 * {@link AwaiterLink} is an edge), and its text form. The one place that knows how the graph is read, for
 * {@code Asyncio.captureCallGraph}, the Kotlin surface and the loops' JMX task dumps. Not for users.
 *
 * <p><b>Thread-safety.</b> The graph is read on the Future's loop: from another thread while that loop runs,
 * {@link #onLoop} hops onto the loop and waits for it; a loop that does not answer within a second (a callback is
 * blocking it, which is exactly when someone looks) is read as it stands, racily, which is what a debugger does.
 */
public final class CallGraphs {
    /** How long a reader on another thread waits for a busy loop before it reads the loop's state racily. */
    private static final long LOOP_ANSWER_MILLIS = 1000;

    private CallGraphs() {
    }

    /**
     * The graph of {@code future}: its Task's frames and, recursively, the Tasks awaiting it.
     *
     * @param future a Future or Task of the SDK
     * @return the graph
     */
    public static FutureCallGraph capture(Future<?> future) {
        return onLoop(future.getLoop(), () -> build(future, Collections.newSetFromMap(new IdentityHashMap<>())));
    }

    private static FutureCallGraph build(Future<?> future, Set<Future<?>> path) {
        List<StackTraceElement> stack = future instanceof Task ? ((Task<?>) future).getStack() : List.of();
        List<FutureCallGraph> awaitedBy = new ArrayList<>();
        path.add(future);
        for (Task<?> awaiter : awaitingTasks(future)) {
            if (!path.contains(awaiter)) { // an await cycle (a Task awaiting its awaiter) is shown once
                awaitedBy.add(build(awaiter, path));
            }
        }
        path.remove(future);
        return new FutureCallGraph(future, stack, awaitedBy);
    }

    /**
     * The Tasks awaiting {@code future}, directly or through Futures that combinators complete from it (a gather's,
     * a shield's): CPython's {@code _asyncio_awaited_by}, without duplicates, in the order they started waiting.
     *
     * @param future the Future
     * @return the awaiting Tasks
     */
    public static List<Task<?>> awaitingTasks(Future<?> future) {
        Set<Future<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Task<?>> tasks = new ArrayList<>();
        collectAwaiters(future, seen, tasks);
        return tasks;
    }

    private static void collectAwaiters(Future<?> future, Set<Future<?>> seen, List<Task<?>> into) {
        if (!(future instanceof FutureBase) || !seen.add(future)) {
            return;
        }
        for (Object cb : ((FutureBase<?>) future).pendingCallbacks()) {
            if (!(cb instanceof AwaiterLink)) {
                continue;
            }
            Future<?> awaiter = ((AwaiterLink) cb).awaiter();
            if (awaiter == null || awaiter.isDone()) {
                continue;
            }
            if (awaiter instanceof Task) {
                if (seen.add(awaiter)) {
                    into.add((Task<?>) awaiter);
                }
            } else {
                collectAwaiters(awaiter, seen, into); // a combinator's Future: whoever awaits it awaits this one
            }
        }
    }

    /**
     * Runs {@code reader} where the loop's state may be read: at once on the loop's thread or while the loop does not
     * run; else on the loop, waiting up to a second, and racily on this thread when the loop is blocked.
     *
     * @param loop the loop
     * @param reader reads the loop's state
     * @param <R> the result type
     * @return what {@code reader} returned
     */
    public static <R> R onLoop(EventLoop loop, Supplier<R> reader) {
        LoopInternals internals = LoopInternals.of(loop);
        if (internals.isOwnerThread() || !internals.isRunning()) {
            return reader.get();
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        try {
            internals.callSoonThreadsafe(() -> {
                try {
                    answer.complete(reader.get());
                } catch (Throwable t) {
                    answer.completeExceptionally(t);
                }
            });
            return answer.get(LOOP_ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException closedMeanwhile) {
            return readRacily(reader);
        } catch (TimeoutException blocked) {
            return readRacily(reader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return readRacily(reader);
        } catch (ExecutionException e) {
            throw RethrowRule.rethrow(e.getCause());
        }
    }

    /** A blocked loop's state read from another thread: a concurrent change may tear the view; try again then. */
    private static <R> R readRacily(Supplier<R> reader) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return reader.get();
            } catch (RuntimeException torn) {
                last = torn;
            }
        }
        throw last;
    }

    // ------------------------------------------------------------------ text

    /**
     * CPython's {@code format_call_graph} text: one {@code * Task(name=..., id=...)} or {@code * Future(id=...)} line
     * per node, its frames under {@code + Call stack:}, its awaiters under {@code + Awaited by:}, four spaces of
     * indentation per level.
     *
     * @param graph the graph
     * @return the text, lines separated by {@code \n}, no trailing newline
     */
    public static String format(FutureCallGraph graph) {
        List<String> lines = new ArrayList<>();
        render(graph, lines, 0);
        return String.join("\n", lines);
    }

    private static void render(FutureCallGraph node, List<String> lines, int level) {
        String indent = "    ".repeat(level);
        Future<?> f = node.future();
        if (f instanceof Task) {
            lines.add(indent + "* Task(name=" + FutureBase.repr(((Task<?>) f).getName()) + ", id=" + idOf(f) + ")");
        } else {
            lines.add(indent + "* Future(id=" + idOf(f) + ")");
        }
        if (!node.callStack().isEmpty()) {
            lines.add(indent + "  + Call stack:");
            for (StackTraceElement frame : node.callStack()) {
                lines.add(indent + "  |   " + frameText(frame));
            }
        }
        if (!node.awaitedBy().isEmpty()) {
            lines.add(indent + "  + Awaited by:");
            for (FutureCallGraph awaiter : node.awaitedBy()) {
                render(awaiter, lines, level + 1);
            }
        }
    }

    /**
     * A frame as CPython's graph prints one: {@code File 'Main.java', line 12, in Main.fetch()}.
     *
     * @param frame the frame
     * @return the text
     */
    public static String frameText(StackTraceElement frame) {
        String file = frame.getFileName() == null ? "<unknown>" : frame.getFileName();
        String line = frame.getLineNumber() >= 0 ? Integer.toString(frame.getLineNumber()) : "?";
        return "File '" + file + "', line " + line + ", in " + qualifiedName(frame) + "()";
    }

    /**
     * A frame's function as Python's {@code co_qualname} reads: the class without its package, a dot, the method.
     *
     * @param frame the frame
     * @return for example {@code Main.fetch} or {@code Crawler$Worker.run}
     */
    public static String qualifiedName(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    /**
     * The id a graph, a task dump and the {@code ps} tool show for a Future: CPython shows {@code id(future)}.
     *
     * @param future the Future
     * @return {@code 0x} and the id in hexadecimal
     */
    public static String idOf(Future<?> future) {
        return "0x" + Long.toHexString(IntrospectionIds.of(future));
    }
}
