package dev.asyncio4j.kotlin.stacks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;

/**
 * Java bodies whose frames {@code Task.getStack()} shows: it leaves out the runtime's packages
 * ({@code dev.asyncio4j.kotlin.internal}, where the runtime's tests live), so a test that reads a body's frames gets
 * its body from here.
 */
public final class SteppingBodies {
    private SteppingBodies() {
    }

    /**
     * A body that awaits {@code sleep(0)} {@code steps} times.
     *
     * @param steps how many times
     * @return the body; its result is {@code steps}
     */
    public static Coroutine<Integer> sleepZero(int steps) {
        return () -> {
            for (int i = 0; i < steps; i++) {
                Asyncio.await(Asyncio.sleep(0));
            }
            return steps;
        };
    }
}
