package dev.asyncio4j;

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
}
