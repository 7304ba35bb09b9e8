package dev.asyncio4j;

import java.io.PrintStream;
import java.util.List;

/**
 * Python's {@code asyncio.Task}: a coroutine (a Java {@link Coroutine} or a Kotlin {@code suspend} block) driven by
 * its loop, and the Future of its result.
 *
 * <p><b>Cancellation is a request.</b> {@link #cancel()} throws a {@link CancelledError} into the body at its
 * current {@code await} (or before its first step); a Task waiting on a Future cancels that Future. The body may
 * catch the error: if it returns normally the Task finishes normally; if the error escapes, the Task is cancelled.
 * {@link #cancelling()} counts pending requests and {@link #uncancel()} withdraws one, as in Python 3.11+.
 *
 * <p>{@link #setResult} and {@link #setException} throw {@link UnsupportedOperationException}: a Task finishes
 * only through its body. Thread-safety is that of {@link Future}.
 *
 * @param <T> the result type
 */
public interface Task<T> extends Future<T> {
    /**
     * The Task's name; {@code Task-1}, {@code Task-2}, ... unless one was given.
     *
     * @return the name
     */
    String getName();

    /**
     * Renames the Task.
     *
     * @param name the new name, not {@code null}
     */
    void setName(String name);

    /**
     * How many cancellation requests are pending (Python's {@code Task.cancelling()}).
     *
     * @return the count
     */
    int cancelling();

    /**
     * Withdraws one cancellation request (Python's {@code Task.uncancel()}).
     *
     * @return the remaining count
     */
    int uncancel();

    /**
     * Where the Task's body is suspended now (Python's {@code Task.get_stack()}), innermost frame first as in a Java
     * stack trace: a Java body's frames (read from its parked coroutine thread), a Kotlin Task's coroutine frames
     * (its continuations' debug metadata; no agent needed). Called by the Task's own body, the frames where it runs
     * now. The runtime's own frames (the hand-off, the loop) are left out.
     *
     * <p>A Kotlin Task suspended somewhere else than on a Future (a kotlinx {@code Channel} or {@code Mutex}) shows
     * no frames: only an agent could find them. A Java body run as a continuation ({@link Coroutine}) shows its
     * frames only when asked on the loop's thread, or while the loop is not running; elsewhere none ({@code
     * Asyncio.captureCallGraph} and the loop's task dump read them on the loop).
     *
     * @return the frames; empty when the Task is done or has not started
     */
    List<StackTraceElement> getStack();

    /**
     * Prints {@link #getStack()} to {@code System.err} (Python's {@code Task.print_stack()}).
     */
    default void printStack() {
        printStack(System.err);
    }

    /**
     * Prints {@link #getStack()} (Python's {@code Task.print_stack(file=out)}): a header naming the Task, then one
     * {@code at} line per frame as in a Java stack trace, or {@code No stack for <Task ...>}.
     *
     * @param out where to print
     */
    default void printStack(PrintStream out) {
        java.util.Objects.requireNonNull(out, "out");
        List<StackTraceElement> stack = getStack();
        StringBuilder text = new StringBuilder();
        if (stack.isEmpty()) {
            text.append("No stack for ").append(this).append(System.lineSeparator());
        } else {
            text.append("Stack for ").append(this).append(" (most recent call first):").append(System.lineSeparator());
            for (StackTraceElement frame : stack) {
                text.append("\tat ").append(frame.getClassName()).append('.').append(frame.getMethodName())
                        .append('(').append(frame.getFileName() == null ? "Unknown Source" : frame.getFileName());
                if (frame.getFileName() != null && frame.getLineNumber() >= 0) {
                    text.append(':').append(frame.getLineNumber());
                }
                text.append(')').append(System.lineSeparator());
            }
        }
        out.print(text);
        out.flush();
    }

    /**
     * The Java body this Task runs (Python's {@code Task.get_coro()}).
     *
     * @return the {@link Coroutine}, or {@code null} for a Kotlin Task (its {@code suspend} block is no
     *         {@code Coroutine})
     */
    Coroutine<T> getCoro();
}
