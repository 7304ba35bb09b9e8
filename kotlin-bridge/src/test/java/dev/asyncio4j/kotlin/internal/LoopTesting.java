package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CPython's {@code test_utils.run_briefly} and friends, for tests that drive a loop that is not running. The one
 * copy: the {@code tests} module uses it through this module's test-jar.
 */
public final class LoopTesting {
    private LoopTesting() {
    }

    /**
     * Skips a test of what a Java body's own thread gives it (its ThreadLocals, interrupt flag, thread start): with
     * {@code -Dasyncio4j.javaTasks=continuations} bodies run as continuations on the loop's thread, as CPython
     * coroutines share theirs.
     */
    public static void assumeBodiesOnThreads() {
        org.junit.jupiter.api.Assumptions.assumeFalse(JavaBody.ON_CONTINUATIONS,
                "Java Task bodies run as continuations on the loop's thread");
    }

    /** Runs exactly one loop iteration (the stop callback is queued behind what is ready now). */
    public static void runOnce(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /**
     * Runs a few loop iterations: everything ready now, the callbacks that scheduled, and theirs (CPython runs a
     * trivial task to completion; three rounds of two iterations cover what these tests schedule).
     */
    public static void runBriefly(EventLoop loop) {
        for (int i = 0; i < 6; i++) {
            runOnce(loop);
        }
    }

    /**
     * Whether this process ignores SIGINT (Linux: bit 2 of {@code SigIgn} in {@code /proc/self/status}), as a process
     * started in the background without job control does; its children inherit that, so Ctrl+C tests must skip.
     * False where it cannot be told.
     */
    public static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (ignored & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    /**
     * The live children of this JVM that run {@code command} (its program's arguments compared exactly, so a test
     * marks its children with odd arguments such as {@code sleep 3599}).
     */
    public static List<ProcessHandle> liveChildren(List<String> command) {
        List<String> arguments = command.subList(1, command.size());
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> Arrays.asList(a).equals(arguments)).orElse(false))
                .collect(Collectors.toList());
    }

    /** How many {@link #liveChildren} run {@code command}. */
    public static long childrenRunning(List<String> command) {
        return liveChildren(command).size();
    }
}
