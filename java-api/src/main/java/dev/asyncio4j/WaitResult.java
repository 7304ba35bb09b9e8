package dev.asyncio4j;

import java.util.Set;

/**
 * The two sets Python's {@code asyncio.wait} returns, each in the order the Futures were passed in.
 *
 * @param <T> the Futures' result type
 */
public interface WaitResult<T> {
    /**
     * The Futures that were done when the wait returned.
     *
     * @return an unmodifiable set in insertion order
     */
    Set<Future<T>> done();

    /**
     * The Futures still pending when the wait returned.
     *
     * @return an unmodifiable set in insertion order
     */
    Set<Future<T>> pending();
}
