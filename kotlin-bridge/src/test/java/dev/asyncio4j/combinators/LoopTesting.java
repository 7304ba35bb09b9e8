package dev.asyncio4j.combinators;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;

/** CPython's {@code test_utils.run_briefly} and friends, for tests that drive a loop that is not running. */
final class LoopTesting {
    private LoopTesting() {
    }

    /** Runs a few loop iterations: everything ready now, and the callbacks that scheduled. */
    static void runBriefly(EventLoop loop) {
        for (int i = 0; i < 3; i++) {
            Future<Void> tick = loop.createFuture();
            loop.callSoon(() -> tick.setResult(null));
            loop.runUntilComplete(tick);
        }
    }
}
