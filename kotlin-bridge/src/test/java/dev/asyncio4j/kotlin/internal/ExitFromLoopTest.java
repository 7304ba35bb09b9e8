package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code System.exit()} from code on the loop, when Ctrl+C falls back to a shutdown hook ({@code -Xrs}, or
 * {@code -Dasyncio4j.signals=false}): the hook must not wait for a run that cannot finish because its own thread is
 * the one exiting (issue 11: it took the whole grace period). The child's grace period is 60 s, so waiting for it
 * shows as a child that outlives the test's 30 s bound.
 */
@DisabledOnOs(OS.WINDOWS)
class ExitFromLoopTest {
    @ParameterizedTest
    @CsvSource({"-Xrs, body", "-Dasyncio4j.signals=false, body", "-Xrs, callback",
                "-Dasyncio4j.signals=false, callback"})
    void systemExitOnTheLoopExitsAtOnce(String option, String where) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, option, "-Dasyncio4j.shutdownGraceSeconds=60",
                "-cp", System.getProperty("java.class.path"), ExitChild.class.getName(), where));
        Path out = Files.createTempFile("exit", ".out");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "System.exit() from the loop hung in the shutdown hook");
            assertEquals(3, child.exitValue(), Files.readString(out));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
