package dev.asyncio4j.benchmarks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Subprocess;
import dev.asyncio4j.SubprocessOptions;
import java.util.List;

/**
 * The subprocess workload of {@code benchmarks/run.sh}: {@code n} times {@code true} started and awaited one after
 * the other ({@code await create_subprocess_exec("true")}, then {@code await p.wait()}), as
 * {@code asyncio_bench.py subprocess} does. Java bodies here; the Kotlin Task and raw-JDK flavours are in
 * {@code KotlinSubprocessWorkload.kt}.
 */
public final class SubprocessWorkloads {
    /** The program each step starts. */
    static final List<String> TRUE = List.of("true");

    private SubprocessWorkloads() {
    }

    /**
     * Runs the workload in the flavour of {@code flavour}.
     *
     * @param flavour which flavour's workloads the run is for
     * @param n how many processes
     * @return the seconds between the same two points the Python script measures
     */
    static double run(Workloads flavour, int n) {
        if (flavour instanceof KotlinWorkloads) {
            return KotlinSubprocessWorkload.INSTANCE.asyncio4j(n);
        }
        if (flavour instanceof KotlinxWorkloads) {
            return KotlinSubprocessWorkload.INSTANCE.rawJdk(n);
        }
        return javaBodies(n);
    }

    static double javaBodies(int n) {
        return Asyncio.run(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(TRUE, SubprocessOptions.defaults()));
                int status = Asyncio.await(p.waitFor());
                if (status != 0) {
                    throw new IllegalStateException("true exited with " + status);
                }
            }
            return (System.nanoTime() - start) / 1e9;
        });
    }
}
