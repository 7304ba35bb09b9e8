package dev.asyncio4j.benchmarks;

import java.net.URI;

/**
 * The side-by-side workloads, one implementation per flavour (Java tasks, Kotlin tasks, raw kotlinx), mirroring
 * {@code benchmarks/python/asyncio_bench.py} step for step. Each method runs the workload once at the given size on
 * a fresh loop and returns the seconds between the same two points the Python script measures.
 */
public interface Workloads {
    /** Tasks in the switch workload. */
    int SWITCH_TASKS = 10;
    /** Feeding threads in the cross-thread workload. */
    int CROSS_THREADS = 2;
    /** Bound of the queue in the queue workload. */
    int QUEUE_MAXSIZE = 100;

    /** {@code n} callbacks scheduled with callSoon on a loop that is not running yet, then run. */
    double callSoon(int n);

    /** {@code n} trivial tasks created, then all awaited (gathered). */
    double spawn(int n);

    /** {@value #SWITCH_TASKS} tasks, each awaiting {@code sleep(0)} {@code n} times. */
    double switchTasks(int n);

    /** {@code n} tasks each sleeping 1 s concurrently, created then gathered. */
    double timers(int n);

    /** One producer and one consumer passing {@code n} items through a queue of maxsize {@value #QUEUE_MAXSIZE}. */
    double queue(int n);

    /** {@value #CROSS_THREADS} threads each scheduling {@code n} callbacks with callSoonThreadsafe; until all ran. */
    double crossThread(int n);

    /** {@code n} concurrent HTTP GETs of {@code url}. */
    double crawler(int n, URI url);

    /**
     * Tutorial 4's producer and consumer: {@code n} sends into a generator that sums the squares it is sent (the
     * tutorial's "cpu-bound" program makes 2M). Not every flavour has generators: the default says so.
     */
    default double genSend(int n) {
        throw new UnsupportedOperationException("no generators in this flavour");
    }

    /** Distinct keys of the cache in the cache-hit workloads. */
    int CACHE_KEYS = 1024;

    /**
     * {@code n} tasks that each look a key up in a warm cache and return without awaiting (3.12's eager-task
     * showcase), created then gathered; with {@code eager} on a loop whose task factory is the eager one.
     *
     * @param n the number of tasks
     * @param eager whether the loop uses {@code Asyncio.eagerTaskFactory()}
     * @return the seconds
     * @throws UnsupportedOperationException for a flavour without asyncio Tasks
     */
    default double cacheHit(int n, boolean eager) {
        throw new UnsupportedOperationException("no task factories in this flavour");
    }
}
