package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code await asyncio.gather(*tasks)} inside a Java coroutine body. Until {@code Asyncio.gather} is
 * merged (issue 3) the Futures are awaited one by one, which is what gather waits for too.
 */
final class Gather {
    private Gather() {
    }

    static <T> List<T> all(List<? extends Future<? extends T>> tasks) {
        List<T> results = new ArrayList<>(tasks.size());
        for (Future<? extends T> f : tasks) {
            results.add(Asyncio.await(f));
        }
        return results;
    }
}
