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
 * <p>On JDK 21+ a program may instead run bodies as JDK continuations on the loop's own thread, as CPython runs its
 * coroutines: with {@code -Dasyncio4j.javaTasks=continuations} and {@code --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED} (the opt-in Java generators use), a step mounts the body on the thread
 * running the loop and an {@code await} pauses it, with no thread hand-off (several times faster task switches, less
 * memory per waiting Task). The body then shares that thread: its ThreadLocals, its name and its interrupt flag are
 * the loop thread's (use {@link ContextVar} for per-Task state), and an {@code await} inside a {@code synchronized}
 * block (JDK 21-23) or below a native frame cannot pause and throws {@link IllegalStateException}. Without the
 * export the property is ignored with a warning.
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
