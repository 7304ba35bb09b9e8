package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Generator;
import dev.asyncio4j.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The workloads as Java coroutine bodies ({@code Asyncio.await} on coroutine threads). */
public final class JavaWorkloads implements Workloads {
    private static final HttpClient HTTP = HttpClients.SHARED;

    @Override
    public double callSoon(int n) {
        EventLoop loop = Asyncio.newEventLoop();
        int[] count = {0};
        Runnable cb = () -> count[0]++;
        try {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                loop.callSoon(cb);
            }
            loop.callSoon(loop::stop);
            loop.runForever();
            double elapsed = seconds(start);
            check(count[0] == n, "callbacks run: " + count[0]);
            return elapsed;
        } finally {
            loop.close();
        }
    }

    @Override
    public double spawn(int n) {
        return Asyncio.run(() -> {
            long start = System.nanoTime();
            List<Task<Object>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> null));
            }
            Gather.all(tasks);
            return seconds(start);
        });
    }

    @Override
    public double switchTasks(int n) {
        return Asyncio.run(() -> {
            long start = System.nanoTime();
            List<Task<Object>> tasks = new ArrayList<>(SWITCH_TASKS);
            for (int t = 0; t < SWITCH_TASKS; t++) {
                tasks.add(Asyncio.createTask(() -> {
                    for (int i = 0; i < n; i++) {
                        Asyncio.await(Asyncio.sleep(0));
                    }
                    return null;
                }));
            }
            Gather.all(tasks);
            return seconds(start);
        });
    }

    @Override
    public double timers(int n) {
        return Asyncio.run(() -> {
            long start = System.nanoTime();
            List<Task<Object>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(1.0))));
            }
            Gather.all(tasks);
            return seconds(start);
        });
    }

    @Override
    public double queue(int n) {
        return JavaQueueWorkload.run(n);
    }

    @Override
    public double crossThread(int n) {
        EventLoop loop = Asyncio.newEventLoop();
        int total = n * CROSS_THREADS;
        Future<Void> done = loop.createFuture();
        int[] count = {0};
        Runnable cb = () -> {
            if (++count[0] == total) {
                done.setResult(null);
            }
        };
        try {
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < CROSS_THREADS; t++) {
                Thread feeder = new Thread(() -> {
                    for (int i = 0; i < n; i++) {
                        loop.callSoonThreadsafe(cb);
                    }
                });
                feeder.start();
                threads.add(feeder);
            }
            loop.runUntilComplete(done);
            double elapsed = seconds(start);
            for (Thread t : threads) {
                join(t);
            }
            return elapsed;
        } finally {
            loop.close();
        }
    }

    @Override
    public double crawler(int n, URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        return Asyncio.run(() -> {
            long start = System.nanoTime();
            List<Task<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    HttpResponse<String> response =
                            Asyncio.await(Asyncio.wrapFuture(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())));
                    check(response.statusCode() == 200, "status " + response.statusCode());
                    return response.body().length();
                }));
            }
            Gather.all(tasks);
            return seconds(start);
        });
    }

    @Override
    public double cacheHit(int n, boolean eager) {
        Map<Integer, Integer> cache = new HashMap<>();
        for (int k = 0; k < CACHE_KEYS; k++) {
            cache.put(k, k * 2);
        }
        return Asyncio.run(() -> {
            if (eager) {
                Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory());
            }
            long start = System.nanoTime();
            List<Task<Integer>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int key = i % CACHE_KEYS;
                tasks.add(Asyncio.createTask(() -> {
                    Integer hit = cache.get(key);
                    if (hit != null) {
                        return hit;
                    }
                    Asyncio.await(Asyncio.sleep(0));
                    return key * 2;
                }));
            }
            Gather.all(tasks);
            double elapsed = seconds(start);
            check(tasks.get(n - 1).result() == ((n - 1) % CACHE_KEYS) * 2, "last result");
            return elapsed;
        });
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("workload went wrong: " + what);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public double genSend(int n) {
        long start = System.nanoTime();
        // Tutorial 4's consumer: sums the squares it is sent, yields the running sum.
        Generator<Long, Integer> consumer = Generator.of(g -> {
            long sum = 0;
            while (true) {
                Integer m = g.yield(sum);
                if (m == null) {
                    return;
                }
                sum += (long) m * m;
            }
        });
        consumer.send(null);
        long res = 0;
        for (int i = 0; i < n; i++) {
            res = consumer.send(i % 1_000_000);
        }
        consumer.close();
        double elapsed = seconds(start);
        check(res > 0, "sum " + res);
        return elapsed;
    }
}
