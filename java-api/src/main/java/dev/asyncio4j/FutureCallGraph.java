package dev.asyncio4j;

import java.util.List;
import java.util.Objects;

/**
 * Python 3.14's {@code asyncio.FutureCallGraph}: a Future or Task, the frames of the code it runs, and the Tasks
 * awaiting it, each with its own graph. Made by {@link Asyncio#captureCallGraph(Future)}; printed by
 * {@link Asyncio#formatCallGraph(Future)}.
 *
 * <p>{@code callStack} is innermost first, as in a Java stack trace and in CPython's graph: for a Task, where its
 * body is suspended (a Java body's frames from its parked thread, a Kotlin Task's coroutine frames), or, for the
 * Task capturing its own graph, where it runs now; empty for a plain Future. {@code awaitedBy} lists the Tasks
 * waiting for {@code future} — directly, or through a combinator ({@code gather}, {@code shield}, {@code wait},
 * {@code waitFor}, a task group, which CPython records the same way). The graph is a snapshot: immutable, safe to
 * keep and to read from any thread.
 *
 * @param future the Future or Task
 * @param callStack its frames, innermost first; empty for a plain Future
 * @param awaitedBy the graphs of the Tasks awaiting it
 */
public record FutureCallGraph(Future<?> future, List<StackTraceElement> callStack, List<FutureCallGraph> awaitedBy) {
    /**
     * Copies both lists (the record is immutable).
     *
     * @param future the Future or Task
     * @param callStack its frames, innermost first
     * @param awaitedBy the graphs of the Tasks awaiting it
     * @throws NullPointerException for a null argument or element
     */
    public FutureCallGraph {
        Objects.requireNonNull(future, "future");
        callStack = List.copyOf(callStack);
        awaitedBy = List.copyOf(awaitedBy);
    }
}
