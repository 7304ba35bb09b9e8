package dev.asyncio4j.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.util.ArrayList;
import java.util.List;

/** The docs' example (docs/TESTING.md): an hour of exponential back-off, checked in milliseconds of real time. */
class RetryWithBackOffTest {
    /** Retries {@code call} until it succeeds, sleeping 1, 2, 4, ... seconds (at most {@code maxDelay}) between tries. */
    static <T> T retry(Coroutine<T> call, double maxDelay, List<Double> triedAt) throws Exception {
        double delay = 1;
        while (true) {
            triedAt.add(Asyncio.getRunningLoop().time());
            try {
                return call.run();
            } catch (java.io.IOException e) {
                Asyncio.await(Asyncio.sleep(delay));
                delay = Math.min(delay * 2, maxDelay);
            }
        }
    }

    @AsyncioTest
    void anHourOfBackOff(TestLoop loop) throws Exception {
        List<Double> triedAt = new ArrayList<>();
        int[] calls = {0};
        String result = retry(() -> {
            // The service comes back after an hour.
            if (loop.time() < 3600) {
                calls[0]++;
                throw new java.io.IOException("service unavailable");
            }
            return "up";
        }, 600, triedAt);
        assertEquals("up", result);
        // 1 + 2 + ... + 512 = 1023 s, then every 600 s: 1623, 2223, 2823, 3423, 4023.
        assertEquals(List.of(0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0, 255.0, 511.0, 1023.0,
                1623.0, 2223.0, 2823.0, 3423.0, 4023.0), triedAt);
        assertEquals(15, calls[0]);
        assertEquals(4023.0, loop.time());
    }
}
