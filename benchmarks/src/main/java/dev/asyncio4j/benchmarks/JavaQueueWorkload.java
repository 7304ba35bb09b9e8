package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Queue;
import dev.asyncio4j.Task;
import java.util.List;

/** The queue workload in Java tasks: one producer, one consumer, a bounded {@link Queue}. */
final class JavaQueueWorkload {
    private JavaQueueWorkload() {
    }

    static double run(int n) {
        return Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(Workloads.QUEUE_MAXSIZE);
            long start = System.nanoTime();
            Task<Object> producer = Asyncio.createTask(() -> {
                for (int i = 0; i < n; i++) {
                    Asyncio.await(q.put(i));
                }
                return null;
            });
            Task<Object> consumer = Asyncio.createTask(() -> {
                for (int i = 0; i < n; i++) {
                    Asyncio.await(q.get());
                }
                return null;
            });
            Gather.all(List.of(producer, consumer));
            return JavaWorkloads.seconds(start);
        });
    }
}
