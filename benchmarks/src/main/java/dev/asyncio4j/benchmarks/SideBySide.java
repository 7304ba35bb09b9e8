package dev.asyncio4j.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The JVM half of {@code benchmarks/run.sh}: runs one workload in one flavour and prints one JSON line, the same
 * shape as {@code benchmarks/python/asyncio_bench.py} prints.
 *
 * <pre>java -jar asyncio4j-benchmarks.jar FLAVOUR WORKLOAD SIZE [--warmups W] [--runs R] [--budget S] [--url URL]
 * java -jar asyncio4j-benchmarks.jar jmh [JMH options]</pre>
 * FLAVOUR is {@code java}, {@code kotlin}, {@code kotlinx} (on {@code newSingleThreadContext}), {@code kotlinx-rb}
 * (on {@code runBlocking}'s own event loop) or {@code raw} (bare thread hand-offs, see {@link RawHandOffs}); WORKLOAD
 * one of {@code call_soon spawn switch timers queue cross_thread crawler gen_send subprocess cache_hit cache_hit_eager}. Warm-ups run at a tenth of SIZE; measured runs stop early once {@code --budget}
 * seconds are spent (after at least one).
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            org.openjdk.jmh.Main.main(rest);
            return;
        }
        if (args.length < 3) {
            System.err.println("usage: FLAVOUR(java|kotlin|kotlinx) WORKLOAD SIZE [--warmups W] [--runs R] [--budget S] [--url URL]"
                    + " | jmh [JMH options]");
            System.exit(2);
        }
        String flavourName = args[0];
        String workload = args[1];
        int size = Integer.parseInt(args[2]);
        int warmups = 1;
        int runs = 3;
        double budget = 20;
        URI url = null;
        for (int i = 3; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warmups" -> warmups = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--budget" -> budget = Double.parseDouble(args[i + 1]);
                case "--url" -> url = URI.create(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Workloads flavour = flavour(flavourName);
        for (int i = 0; i < warmups; i++) {
            runOnce(flavour, workload, Math.max(1, size / 10), url);
        }
        List<Double> seconds = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            seconds.add(runOnce(flavour, workload, size, url));
            if ((System.nanoTime() - began) / 1e9 > budget) {
                break;
            }
        }
        StringJoiner list = new StringJoiner(", ", "[", "]");
        seconds.forEach(s -> list.add(String.format(Locale.ROOT, "%.6f", s)));
        System.out.printf(Locale.ROOT,
                "{\"workload\": \"%s\", \"flavour\": \"%s\", \"size\": %d, \"seconds\": %s, \"hwm_kb\": %d, \"java\": \"%s\"}%n",
                workload, flavourName, size, list, peakRssKb(), System.getProperty("java.version"));
        System.exit(0);
    }

    static Workloads flavour(String name) {
        return switch (name) {
            case "java" -> new JavaWorkloads();
            case "kotlin" -> new KotlinWorkloads();
            case "kotlinx" -> new KotlinxWorkloads();
            case "kotlinx-rb" -> new KotlinxWorkloads(true);
            case "raw" -> new RawHandOffs();
            default -> throw new IllegalArgumentException("flavour must be java, kotlin, kotlinx, kotlinx-rb or raw: " + name);
        };
    }

    static double runOnce(Workloads w, String workload, int size, URI url) {
        return switch (workload) {
            case "call_soon" -> w.callSoon(size);
            case "spawn" -> w.spawn(size);
            case "switch" -> w.switchTasks(size);
            case "timers" -> w.timers(size);
            case "queue" -> w.queue(size);
            case "cross_thread" -> w.crossThread(size);
            case "cache_hit" -> w.cacheHit(size, false);
            case "cache_hit_eager" -> w.cacheHit(size, true);
            case "crawler" -> w.crawler(size, java.util.Objects.requireNonNull(url, "crawler needs --url"));
            case "gen_send" -> w.genSend(size);
            case "subprocess" -> SubprocessWorkloads.run(w, size);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    /** VmHWM of this process: the peak resident set, in KB (-1 where /proc is missing). */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
