package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Ctrl+C on a real child JVM: {@link CtrlCChild} receives SIGINT through {@code kill -INT}. */
@DisabledOnOs(OS.WINDOWS)
class CtrlCTest {
    /** How long a child may take at the most, however loaded the machine: then it is killed and the test fails. */
    private static final long CHILD_DEADLINE_SECONDS = 180;

    private record Outcome(int exitStatus, List<String> stdout, String stderr) {
    }

    /**
     * A process started in the background without job control (`cmd &` in a script) has SIGINT ignored, and so have
     * its children: `kill -INT` then does nothing, and there is no Ctrl+C to test.
     */
    @BeforeAll
    static void sigintReachesChildren() throws IOException {
        assumeFalse(LoopTesting.sigintIgnored(), "SIGINT is ignored in this process (and so in its children)");
    }

    @Test
    void sigintCancelsTheMainTaskRunsFinallyBlocksAndExits130() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "uncaught", 1);
        assertEquals(130, o.exitStatus(), o.toString());
        assertTrue(o.stdout().contains("main finally"), o.toString());
        assertTrue(o.stdout().contains("leftover finally"), o.toString());
        assertTrue(o.stdout().contains("shutdown hook"), o.toString());
        assertFalse(o.stdout().contains("after run"), o.toString());
        assertTrue(o.stderr().contains("dev.asyncio4j.KeyboardInterrupt"), o.toString());
        // the main task is cancelled first, the leftovers after it
        assertTrue(o.stdout().indexOf("main finally") < o.stdout().indexOf("leftover finally"), o.toString());
    }

    @Test
    void keyboardInterruptCanBeCaught() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "caught", 1);
        assertEquals(0, o.exitStatus(), o.toString());
        assertEquals(List.of("ready", "main finally", "leftover finally", "caught KeyboardInterrupt", "after run",
                "shutdown hook"), o.stdout());
    }

    @Test
    void aMainTaskThatSwallowsTheCancellationReturnsNormally() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "swallow", 1);
        assertEquals(0, o.exitStatus(), o.toString());
        assertEquals(List.of("ready", "main cancelled", "result 42", "shutdown hook"), o.stdout());
    }

    @Test
    void aSecondSigintExitsAtOnce() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "twice", 2);
        assertEquals(130, o.exitStatus(), o.toString());
        assertEquals(List.of("ready", "ignoring the first Ctrl+C", "shutdown hook"), o.stdout());
    }

    @Test
    void withoutTheSignalApiAShutdownHookCancelsTheMainTask() throws Exception {
        Outcome o = runAndInterrupt(List.of("-Dasyncio4j.signals=false"), "uncaught", 1);
        assertEquals(130, o.exitStatus(), o.toString());
        assertTrue(o.stdout().contains("main finally"), o.toString());
        assertTrue(o.stdout().contains("leftover finally"), o.toString());
    }

    @Test
    void anApplicationSigintHandlerIsLeftAlone() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "apphandler", 1);
        assertEquals(0, o.exitStatus(), o.toString());
        assertEquals(List.of("ready", "app handler got INT", "main finished ok", "shutdown hook"), o.stdout());
    }

    @Test
    void afterRunCtrlCIsTheJvmsOwnAgain() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "afterrun", 1);
        assertEquals(130, o.exitStatus(), o.toString());
        assertEquals(List.of("ready", "shutdown hook"), o.stdout());
        assertFalse(o.stderr().contains("KeyboardInterrupt"), o.toString());
    }

    @Test
    void interruptCallSoon() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "interrupt_call_soon", 0);
        assertEquals(List.of("main cancelled", "KeyboardInterrupt", "shutdown hook"), o.stdout(), o.toString());
        assertEquals(0, o.exitStatus());
    }

    @Test
    void interruptWait() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "interrupt_wait", 0);
        assertEquals(List.of("KeyboardInterrupt", "future cancelled true", "shutdown hook"), o.stdout(), o.toString());
        assertEquals(0, o.exitStatus());
    }

    @Test
    void interruptCancelledTask() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "interrupt_cancelled_task", 0);
        assertEquals(List.of("CancelledError", "shutdown hook"), o.stdout(), o.toString());
        assertEquals(0, o.exitStatus());
    }

    @Test
    void aLoopsSigintHandlerThenTheDefaultAgain() throws Exception {
        Outcome o = runAndInterrupt(List.of(), "loop_sigint", 1);
        assertEquals(List.of("caught", "removed true", "removed again false", "ready", "shutdown hook"), o.stdout(),
                o.toString());
        assertEquals(130, o.exitStatus());
    }

    @Test
    void withoutTheSignalApiSignalHandlersAreUnsupported() throws Exception {
        Outcome o = runAndInterrupt(List.of("-Dasyncio4j.signals=false"), "no_signal_api", 0);
        assertEquals(List.of("UnsupportedOperationException", "removed false", "shutdown hook"), o.stdout(),
                o.toString());
        assertEquals(0, o.exitStatus());
    }

    /**
     * Starts the child, waits for its "ready", sends SIGINT, and sends each further SIGINT after one more line of
     * output (the child's reaction to the previous one).
     */
    private static Outcome runAndInterrupt(List<String> jvmOptions, String mode, int sigints) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CtrlCChild.class.getName());
        command.add(mode);
        Path err = Files.createTempFile("ctrlc", ".err");
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        // A child that never exits must fail this test, not hang the build: kill it after the deadline (its stdout
        // then ends, the loop below ends, and the assertions report what it printed).
        CompletableFuture.delayedExecutor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS).execute(child::destroyForcibly);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int sent = 0;
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (sent < sigints && (line.equals("ready") || sent > 0)) {
                    kill(child.pid());
                    sent++;
                }
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not exit");
        } finally {
            child.destroyForcibly();
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        return new Outcome(child.exitValue(), lines, stderr);
    }

    private static void kill(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -INT failed");
    }
}
