package dev.asyncio4j;

/** Python's {@code asyncio.timeouts}. Filled in by the combinators issue (#3). */
final class Timeouts {
    private Timeouts() {
    }

    static <T> T withTimeout(double seconds, Coroutine<T> block) {
        throw new UnsupportedOperationException("withTimeout is not implemented yet (issue #3)");
    }

    static <T> T withTimeoutAt(double when, Coroutine<T> block) {
        throw new UnsupportedOperationException("withTimeoutAt is not implemented yet (issue #3)");
    }
}
