package dev.asyncio4j.benchmarks;

/** The queue workload in Java tasks: waits for {@code dev.asyncio4j.Queue} (issue 4); see benchmarks/pending/. */
final class JavaQueueWorkload {
    private JavaQueueWorkload() {
    }

    static double run(int n) {
        throw new UnsupportedOperationException("dev.asyncio4j.Queue is not on this branch yet (issue 4)");
    }
}
