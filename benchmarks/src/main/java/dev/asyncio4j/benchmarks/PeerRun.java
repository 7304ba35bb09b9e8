package dev.asyncio4j.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A before/after peer run for a shared, loaded machine: two builds of this benchmarks jar (say main's and a
 * branch's), each in its own class loader of one JVM, run the same workload of {@link SideBySide} in alternating
 * pairs, so both halves of every pair see the same load. Prints one JSON line: the medians of each side's process CPU
 * seconds, and the medians of the per-pair ratios new/base of CPU time and of wall time. Use an untouched workload
 * (for example {@code call_soon} when the change is elsewhere) as a control: its ratios show the noise.
 *
 * <pre>java -cp asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.PeerRun BASE_JAR NEW_JAR FLAVOUR WORKLOAD SIZE PAIRS</pre>
 */
public final class PeerRun {
    private PeerRun() {
    }

    /**
     * Runs the comparison.
     *
     * @param a BASE_JAR NEW_JAR FLAVOUR WORKLOAD SIZE PAIRS
     * @throws Exception when a jar cannot be loaded or a run fails
     */
    public static void main(String[] a) throws Exception {
        Path base = Path.of(a[0]);
        Path neu = Path.of(a[1]);
        String flavour = a[2];
        String workload = a[3];
        int size = Integer.parseInt(a[4]);
        int pairs = Integer.parseInt(a[5]);
        Variant b = new Variant(base, flavour);
        Variant n = new Variant(neu, flavour);
        for (int i = 0; i < 3; i++) {
            b.run(workload, Math.max(1, size / 10));
            n.run(workload, Math.max(1, size / 10));
        }
        b.run(workload, size);
        n.run(workload, size);
        List<Double> wallRatios = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> bs = new ArrayList<>();
        List<Double> ns = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double tb;
            double tn;
            if (i % 2 == 0) {
                tb = b.run(workload, size);
                tn = n.run(workload, size);
            } else {
                tn = n.run(workload, size);
                tb = b.run(workload, size);
            }
            bs.add(tb);
            ns.add(tn);
            ratios.add(tn / tb);
            wallRatios.add(n.lastWall / b.lastWall);
        }
        System.out.printf(Locale.ROOT, "{\"flavour\":\"%s\",\"workload\":\"%s\",\"java\":\"%s\",\"base_median\":%.4f,"
                        + "\"new_median\":%.4f,\"base_best\":%.4f,\"new_best\":%.4f,\"cpu_ratio_median\":%.3f,\"wall_ratio_median\":%.3f,"
                        + "\"cpu_ratios\":%s}%n",
                flavour, workload, System.getProperty("java.version"), median(bs), median(ns), Collections.min(bs),
                Collections.min(ns), median(ratios), median(wallRatios), ratios);
        System.exit(0);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    static final class Variant {
        final Object workloads;
        final Method runOnce;

        Variant(Path jar, String flavour) throws Exception {
            URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> sbs = Class.forName("dev.asyncio4j.benchmarks.SideBySide", true, cl);
            Method f = sbs.getDeclaredMethod("flavour", String.class);
            f.setAccessible(true);
            workloads = f.invoke(null, flavour);
            Class<?> w = Class.forName("dev.asyncio4j.benchmarks.Workloads", true, cl);
            runOnce = sbs.getDeclaredMethod("runOnce", w, String.class, int.class, java.net.URI.class);
            runOnce.setAccessible(true);
        }

        /** Runs once; returns the process CPU seconds it took (the machine is shared: wall time is mostly noise). */
        double run(String workload, int size) throws Exception {
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(workloads.getClass().getClassLoader());
            long cpu0 = OS.getProcessCpuTime();
            try {
                double wall = (double) runOnce.invoke(null, workloads, workload, size, null);
                lastWall = wall;
                return (OS.getProcessCpuTime() - cpu0) / 1e9;
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }

        double lastWall;
        static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    }
}
