package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.util.List;

/** Python's {@code await asyncio.gather(*tasks)} inside a Java coroutine body. */
final class Gather {
    private Gather() {
    }

    static <T> List<T> all(List<? extends Future<? extends T>> tasks) {
        return Asyncio.await(Asyncio.gather(tasks));
    }
}
