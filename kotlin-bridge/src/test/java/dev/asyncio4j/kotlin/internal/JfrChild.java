package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;

/** A child JVM for {@link LoopEventsTest}: one Task whose step blocks its loop for 200 ms, then a normal one. */
public final class JfrChild {
    private JfrChild() {
    }

    public static void main(String[] args) {
        Asyncio.run(() -> {
            Task<Void> blocker = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0));
                Thread.sleep(200); // blocks the loop: the step after the await is slow
                return null;
            }, "blocker");
            Task<Void> quick = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0));
                return null;
            }, "quick");
            Asyncio.await(blocker);
            Asyncio.await(quick);
            return null;
        });
        System.out.println("done");
    }
}
