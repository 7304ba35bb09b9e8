package dev.asyncio4j;

import dev.asyncio4j.internal.InlineTimeout;
import dev.asyncio4j.internal.RethrowRule;
import java.util.Objects;

/**
 * Python 3.12's {@code asyncio.timeout} / {@code timeout_at} for a Java block run inline in the current Task. The
 * rule is {@link InlineTimeout} (shared with Kotlin's {@code withAsyncioTimeout}); this class only runs the block the
 * Java way, as a {@link Coroutine} body step.
 */
final class Timeouts {
    /** How to await inside a Java block, for the message of a block that returned a pending Future. */
    private static final String AWAIT_INSIDE = "withTimeout(0.2, () -> Asyncio.await(Asyncio.sleep(1)))";

    private Timeouts() {
    }

    static <T> T withTimeout(double seconds, Coroutine<T> block) {
        InlineTimeout.checkDelay(seconds, "withTimeout");
        Objects.requireNonNull(block, "block");
        return withTimeoutAt(Asyncio.getRunningLoop().time() + seconds, block);
    }

    static <T> T withTimeoutAt(double when, Coroutine<T> block) {
        InlineTimeout.checkDeadline(when, "withTimeoutAt");
        Objects.requireNonNull(block, "block");
        EventLoop loop = Asyncio.getRunningLoop();
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("withTimeout() must be used inside a Task: call it from a coroutine body");
        }
        InlineTimeout timeout = new InlineTimeout(loop, task, when);
        T result;
        try {
            result = block.run();
        } catch (Throwable t) {
            throw RethrowRule.rethrow(timeout.exit(t));
        }
        return timeout.exitWith(result, AWAIT_INSIDE);
    }
}
