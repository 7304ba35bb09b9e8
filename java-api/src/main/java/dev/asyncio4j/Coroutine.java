package dev.asyncio4j;

/**
 * A Java coroutine body: Python's {@code async def}, written as a lambda.
 *
 * <p>The body runs on a coroutine thread (a virtual thread on JDK 21+, a platform thread on JDK 17) in strict
 * turns with its event loop: while a step of the body runs, the loop waits, so the body may touch loop-owned
 * state without locks. Inside the body, {@link Asyncio#await(Future)} suspends it until the Future is done, and
 * every {@link Asyncio} helper behaves as on the loop thread. A cancellation request arrives as a
 * {@link CancelledError} thrown from the body's current {@code await}.
 *
 * @param <T> the result type; use {@link Void} and return {@code null} for none
 */
@FunctionalInterface
public interface Coroutine<T> {
    /**
     * Runs the body.
     *
     * @return the Task's result
     * @throws Exception any failure; it becomes the Task's exception
     */
    T run() throws Exception;
}
