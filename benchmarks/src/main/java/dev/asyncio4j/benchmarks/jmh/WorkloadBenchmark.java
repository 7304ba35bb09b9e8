package dev.asyncio4j.benchmarks.jmh;

import dev.asyncio4j.benchmarks.JavaWorkloads;
import dev.asyncio4j.benchmarks.KotlinWorkloads;
import dev.asyncio4j.benchmarks.KotlinxWorkloads;
import dev.asyncio4j.benchmarks.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH over the side-by-side workloads at a tenth of their sizes, per operation (one callback, one task, one switch,
 * one item): {@code java -jar benchmarks/target/asyncio4j-benchmarks.jar jmh WorkloadBenchmark}.
 * The timer and network workloads are wall-clock bound and left to the side-by-side runner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkloadBenchmark {
    @Param({"kotlin", "java", "kotlinx"})
    public String flavour;

    private Workloads w;

    @Setup
    public void setUp() {
        w = switch (flavour) {
            case "java" -> new JavaWorkloads();
            case "kotlin" -> new KotlinWorkloads();
            default -> new KotlinxWorkloads();
        };
    }

    /** Per callback. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(100_000)
    public double callSoon() {
        return w.callSoon(100_000);
    }

    /** Per task created and awaited. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(20_000)
    public double spawn() {
        return w.spawn(20_000);
    }

    /** Per task switch ({@code sleep(0)} / {@code yield()}). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(10 * 10_000)
    public double switchTasks() {
        return w.switchTasks(10_000);
    }

    /** Per callSoonThreadsafe (two feeding threads). */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(2 * 100_000)
    public double crossThread() {
        return w.crossThread(100_000);
    }
}
