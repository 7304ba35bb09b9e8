package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.EventLoop;

/**
 * CPython's {@code test_utils.run_briefly} and friends, for tests that drive a loop that is not running. The one
 * copy: the {@code tests} module uses it through this module's test-jar.
 */
public final class LoopTesting {
    private LoopTesting() {
    }

    /** Runs exactly one loop iteration (the stop callback is queued behind what is ready now). */
    public static void runOnce(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /**
     * Runs a few loop iterations: everything ready now, the callbacks that scheduled, and theirs (CPython runs a
     * trivial task to completion; three rounds of two iterations cover what these tests schedule).
     */
    public static void runBriefly(EventLoop loop) {
        for (int i = 0; i < 6; i++) {
            runOnce(loop);
        }
    }
}
