package dev.asyncio4j.kotlin;

import dev.asyncio4j.Asyncio;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import kotlin.coroutines.Continuation;

/** A Kotlin interface with suspend methods, implemented in Java with {@link Suspend#complete}. */
final class JavaUserRepository implements UserRepository {
    /** Counts down when {@link #slow} has started; {@link #slowCleanedUp} when its finally block ran. */
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CountDownLatch slowCleanedUp = new CountDownLatch(1);
    volatile Throwable slowSaw;

    @Override
    public Object find(int id, Continuation<? super String> continuation) {
        return Suspend.complete(continuation, () -> {
            if (id < 0) {
                throw new java.io.IOException("no user " + id);
            }
            return "user-" + id;
        });
    }

    @Override
    public Object findAll(List<Integer> ids, Continuation<? super List<String>> continuation) {
        return Suspend.complete(continuation, () -> {
            List<String> out = new ArrayList<>();
            for (int id : ids) {
                Asyncio.await(Asyncio.sleep(0));
                // Java calling back into Kotlin, which calls back into this Java class.
                out.add(Suspend.await(c -> find(id, c)));
            }
            return out;
        });
    }

    @Override
    public Object slow(int id, Continuation<? super String> continuation) {
        return Suspend.complete(continuation, () -> {
            slowStarted.countDown();
            try {
                Asyncio.await(Asyncio.sleep(3600));
                return "slow-" + id;
            } catch (Throwable t) {
                slowSaw = t;
                throw t;
            } finally {
                Asyncio.await(Asyncio.sleep(0.001));
                slowCleanedUp.countDown();
            }
        });
    }

    /** The CompletionStage overload. */
    @Override
    public Object external(CompletableFuture<String> stage, Continuation<? super String> continuation) {
        return Suspend.complete(continuation, stage);
    }
}
