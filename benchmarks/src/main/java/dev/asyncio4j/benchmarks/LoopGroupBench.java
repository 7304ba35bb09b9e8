package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.LoopGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cross-loop {@code submit} round trip of a {@link LoopGroup} (issue 16), beside its peer, a single-thread
 * {@link ExecutorService}'s {@code submit().get()}, run in alternation in one JVM so both see the same load:
 * <ul>
 * <li>{@code thread->loop}: a plain thread submits a trivial coroutine to a loop and waits for its
 * CompletableFuture;</li>
 * <li>{@code loop->loop}: a Task on loop A awaits ({@code wrapFuture}) a trivial coroutine it submitted to loop B;</li>
 * <li>{@code thread->executor}: the peer, the same round trip to a single-thread executor.</li>
 * </ul>
 * Prints the median microseconds per round trip of RUNS runs of OPS round trips each.
 *
 * <pre>java -cp asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.LoopGroupBench [OPS [RUNS]]</pre>
 */
public final class LoopGroupBench {
    private LoopGroupBench() {
    }

    /**
     * Runs the three round trips.
     *
     * @param args OPS (default 20,000) and RUNS (default 7)
     * @throws Exception when a round trip fails
     */
    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (LoopGroup group = LoopGroup.create(2)) {
            EventLoop a = group.next();
            EventLoop b = group.next();
            List<Double> threadToLoop = new ArrayList<>();
            List<Double> loopToLoop = new ArrayList<>();
            List<Double> peer = new ArrayList<>();
            for (int warm = 0; warm < 3; warm++) {
                threadToLoop(group, ops / 4);
                loopToLoop(a, b, ops / 4);
                peer(executor, ops / 4);
            }
            for (int r = 0; r < runs; r++) {
                threadToLoop.add(threadToLoop(group, ops));
                loopToLoop.add(loopToLoop(a, b, ops));
                peer.add(peer(executor, ops));
            }
            double tl = median(threadToLoop);
            double ll = median(loopToLoop);
            double pe = median(peer);
            System.out.printf(Locale.ROOT, "{\"ops\": %d, \"runs\": %d, \"thread->loop_us\": %.2f, "
                    + "\"loop->loop_us\": %.2f, \"thread->executor_us\": %.2f, \"thread->loop/executor\": %.2f, "
                    + "\"loop->loop/executor\": %.2f}%n", ops, runs, tl, ll, pe, tl / pe, ll / pe);
        } finally {
            executor.shutdown();
        }
    }

    private static double threadToLoop(LoopGroup group, int ops) {
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            group.submit(() -> 1).join();
        }
        return (System.nanoTime() - start) / 1e3 / ops;
    }

    private static double loopToLoop(EventLoop a, EventLoop b, int ops) {
        long start = System.nanoTime();
        Asyncio.runCoroutineThreadsafe(() -> {
            for (int i = 0; i < ops; i++) {
                Asyncio.await(Asyncio.wrapFuture(Asyncio.runCoroutineThreadsafe(() -> 1, b), a));
            }
            return null;
        }, a).join();
        return (System.nanoTime() - start) / 1e3 / ops;
    }

    private static double peer(ExecutorService executor, int ops) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            executor.submit(() -> 1).get();
        }
        return (System.nanoTime() - start) / 1e3 / ops;
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
