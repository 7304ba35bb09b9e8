package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.util.ArrayList;
import java.util.List;

/** Awaits started Futures one after the other (they run concurrently; this only collects), for these tests. */
public final class AwaitAll {
    private AwaitAll() {
    }

    public static <T> List<T> of(List<? extends Future<? extends T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        for (Future<? extends T> f : futures) {
            out.add(Asyncio.await(f));
        }
        return out;
    }
}
