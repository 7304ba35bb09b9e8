package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick measurement (not a test, not a benchmark suite): the cost of one await step of a Java coroutine body and
 * of a Kotlin Task, as 10 tasks x N {@code sleep(0)} each. Run:
 * {@code java -cp benchmarks/target/asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.StepCost [N]} (after {@code benchmarks/run.sh} or {@code mvn -Pbenchmarks package -pl benchmarks -am}).
 */
public final class StepCost {
    private StepCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        for (int round = 0; round < 3; round++) {
            double java = javaSwitch(10, n);
            double kotlin = kotlinSwitch(10, n * 5);
            System.out.printf("round %d: Java await step %.3f us, Kotlin step %.3f us%n", round, java, kotlin);
        }
    }

    static double javaSwitch(int tasks, int awaits) {
        return Asyncio.run(() -> {
            long start = System.nanoTime();
            List<Task<Void>> all = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                all.add(Asyncio.createTask(() -> {
                    for (int i = 0; i < awaits; i++) {
                        Asyncio.await(Asyncio.sleep(0));
                    }
                    return null;
                }));
            }
            for (Task<Void> t : all) {
                Asyncio.await(t);
            }
            return (System.nanoTime() - start) / 1e3 / ((double) tasks * awaits);
        });
    }

    static double kotlinSwitch(int tasks, int awaits) {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            long start = System.nanoTime();
            List<Task<Object>> all = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                all.add(KotlinSleepLoop.launch(loop, awaits));
            }
            for (Task<Object> t : all) {
                loop.runUntilComplete(t);
            }
            return (System.nanoTime() - start) / 1e3 / ((double) tasks * awaits);
        } finally {
            loop.close();
        }
    }
}
