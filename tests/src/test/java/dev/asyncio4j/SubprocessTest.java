package dev.asyncio4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.kotlin.internal.LoopTesting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython's test_asyncio/test_subprocess.py (SubprocessMixin) ported to Java bodies, with the standard Unix tools
 * standing in for CPython's {@code python -c} children: {@code cat} for PROGRAM_CAT, {@code sleep} for
 * PROGRAM_BLOCKED. Plus the cases: 10 MB on both pipes, 10 MB both ways, bad input, env and cwd.
 *
 * <p>Exit status convention: a death by signal N reads 128 + N (the JDK's and the shell's), where CPython has -N.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SubprocessTest {
    static final List<String> CAT = List.of("cat");
    /** CPython's PROGRAM_BLOCKED; the odd duration tells these children apart from other sleeps. */
    static final List<String> BLOCKED = List.of("sleep", "3599");
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    /** CPython's support.PIPE_MAX_SIZE: more than any pipe buffers. */
    static final int PIPE_MAX_SIZE = 4 * 1024 * 1024 + 1;

    static SubprocessOptions opts() {
        return SubprocessOptions.defaults();
    }

    static SubprocessOptions piped() {
        return opts().withStdin(Stdio.PIPE).withStdout(Stdio.PIPE);
    }

    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    static String s(byte[] bytes) {
        return new String(bytes, US_ASCII);
    }

    static Subprocess exec(List<String> command, SubprocessOptions options) {
        return Asyncio.await(Asyncio.createSubprocessExec(command, options));
    }

    static Subprocess shell(String command, SubprocessOptions options) {
        return Asyncio.await(Asyncio.createSubprocessShell(command, options));
    }

    /** {@code n} bytes of {@code line} repeated (what {@code yes <word> | head -c n} prints). */
    static byte[] pattern(String word, int n) {
        byte[] line = b(word + "\n");
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = line[i % line.length];
        }
        return out;
    }

    // ------------------------------------------------------------------ SubprocessMixin

    @Test
    void stdinStdout() {
        Object[] got = Asyncio.run(() -> Aio.waitFor(Asyncio.createTask(() -> {
            Subprocess proc = exec(CAT, piped());
            proc.stdin().write(b("some data"));
            Asyncio.await(proc.stdin().drain());
            proc.stdin().close();
            byte[] data = Asyncio.await(proc.stdout().read(-1));
            int exitcode = Asyncio.await(proc.waitFor());
            return new Object[] {exitcode, data};
        }), 60.0));
        assertEquals(0, got[0]);
        assertEquals("some data", s((byte[]) got[1]));
    }

    @Test
    void communicate() {
        Asyncio.run(() -> {
            Subprocess proc = exec(CAT, piped());
            ProcessOutput out = Asyncio.await(proc.communicate(b("some data")));
            assertEquals(0, proc.returncode());
            assertEquals("some data", s(out.stdout()));
            assertNull(out.stderr(), "stderr was not piped");
            return null;
        });
    }

    @Test
    void communicateNoneInputClosesStdin() {
        Asyncio.run(() -> {
            // cat ends only when its stdin is closed: communicate(null) closes it (Python 3.12+).
            Subprocess proc = exec(CAT, piped());
            ProcessOutput out = Asyncio.await(proc.communicate(null));
            assertEquals(0, proc.returncode());
            assertArrayEquals(new byte[0], out.stdout());
            return null;
        });
    }

    @Test
    void shell() {
        int exitcode = Asyncio.run(() -> Asyncio.await(shell("exit 7", opts()).waitFor()));
        assertEquals(7, exitcode);
    }

    @Test
    void kill() {
        Asyncio.run(() -> {
            Subprocess proc = exec(BLOCKED, opts());
            assertNull(proc.returncode(), "running");
            proc.kill();
            assertEquals(128 + SIGKILL, Asyncio.await(proc.waitFor()));
            assertEquals(128 + SIGKILL, proc.returncode());
            return null;
        });
    }

    @Test
    void killWhileAGrandchildHoldsStdout() {
        // CPython's test_kill_issue43884: killing the shell leaves its `sleep` holding the stdout pipe; wait()
        // still returns the shell's status (once the grandchild let go of the pipe).
        Asyncio.run(() -> {
            Subprocess proc = shell("echo ready; sleep 1; sleep 1", opts().withStdout(Stdio.PIPE));
            assertEquals("ready\n", s(Asyncio.await(proc.stdout().readLine())));
            proc.kill();
            assertEquals(128 + SIGKILL, Asyncio.await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void terminate() {
        Asyncio.run(() -> {
            Subprocess proc = exec(BLOCKED, opts());
            proc.terminate();
            assertEquals(128 + SIGTERM, Asyncio.await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void terminateAndKillAreNoOpsOnceExited() {
        Asyncio.run(() -> {
            Subprocess proc = exec(List.of("true"), opts());
            assertEquals(0, Asyncio.await(proc.waitFor()));
            proc.terminate();
            proc.kill();
            assertEquals(0, proc.returncode());
            assertEquals(0, Asyncio.await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void stdinBrokenPipe() {
        Asyncio.run(() -> {
            // The child ends without reading: drain() after a write larger than any pipe fails (Python's
            // BrokenPipeError / ConnectionResetError).
            Subprocess proc = exec(List.of("true"), opts().withStdin(Stdio.PIPE));
            proc.stdin().write(new byte[PIPE_MAX_SIZE]);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Asyncio.await(proc.stdin().drain()));
            assertNotNull(e.getCause());
            assertEquals(0, Asyncio.await(proc.waitFor()));
            // The closed writer ignores further writes, as in CPython.
            proc.stdin().write(b("ignored"));
            return null;
        });
    }

    @Test
    void communicateIgnoresBrokenPipe() {
        Asyncio.run(() -> {
            Subprocess proc = exec(List.of("true"), opts().withStdin(Stdio.PIPE));
            ProcessOutput out = Asyncio.await(proc.communicate(new byte[PIPE_MAX_SIZE]));
            assertNull(out.stdout());
            assertNull(out.stderr());
            assertEquals(0, Asyncio.await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void pauseReadingBoundsTheBuffer() throws Exception {
        // CPython's test_pause_reading (issue #22685): a child writing more than twice the limit pauses the pipe.
        // Here also: while nobody reads, the reader holds at most 2 * limit plus what the pump had in flight,
        // however much the child has left to write; then every byte arrives.
        int limit = 1024;
        int size = 4 * 1024 * 1024;
        Asyncio.run(() -> {
            Subprocess proc = shell("yes 0123456789abcdef | head -c " + size,
                    opts().withStdout(Stdio.PIPE).withLimit(limit));
            StreamReader reader = proc.stdout();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!reader.isPaused()) {
                assertTrue(System.nanoTime() < deadline, "the reader never paused its pipe");
                Aio.sleep(0.01);
            }
            // The pump stopped: give it every chance to overrun the bound.
            Aio.sleep(0.2);
            int bound = 2 * limit + 4 * 65536 + 65536;
            assertTrue(reader.buffered().length <= bound, "buffered " + reader.buffered().length + " > " + bound);
            assertTrue(reader.isPaused());
            assertNull(proc.returncode(), "head is blocked on the full pipe");
            byte[] all = Asyncio.await(reader.read(-1));
            assertArrayEquals(pattern("0123456789abcdef", size), all);
            assertFalse(reader.isPaused(), "reading resumed the pipe");
            assertEquals(0, Asyncio.await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void wcCountsStdin() {
        // CPython's test_stdin_not_inheritable, test_empty_input, test_devstdin_input.
        Asyncio.run(() -> {
            SubprocessOptions all = piped().withStderr(Stdio.PIPE);
            Subprocess p1 = exec(List.of("wc", "-c"), all);
            ProcessOutput o1 = Asyncio.await(p1.communicate(b("abc")));
            assertEquals("3", s(o1.stdout()).trim());
            assertEquals(0, Asyncio.await(p1.waitFor()));

            Subprocess p2 = exec(List.of("wc", "-c"), all);
            assertEquals("0", s(Asyncio.await(p2.communicate(new byte[0])).stdout()).trim());
            assertEquals(0, Asyncio.await(p2.waitFor()));

            Subprocess p3 = shell("wc -c < /dev/stdin", all);
            assertEquals("3", s(Asyncio.await(p3.communicate(b("abc"))).stdout()).trim());
            assertEquals(0, Asyncio.await(p3.waitFor()));
            return null;
        });
    }

    @Test
    void devnull() {
        // CPython's test_devnull_input, test_devnull_output, test_devnull_error.
        Asyncio.run(() -> {
            Subprocess in = exec(List.of("wc", "-c"),
                    opts().withStdin(Stdio.DEVNULL).withStdout(Stdio.PIPE).withStderr(Stdio.PIPE));
            assertNull(in.stdin());
            ProcessOutput o = Asyncio.await(in.communicate(null));
            assertEquals("0", s(o.stdout()).trim());
            assertArrayEquals(new byte[0], o.stderr());
            assertEquals(0, Asyncio.await(in.waitFor()));

            Subprocess out = exec(List.of("wc", "-c"),
                    opts().withStdin(Stdio.PIPE).withStdout(Stdio.DEVNULL).withStderr(Stdio.PIPE));
            assertNull(out.stdout());
            assertNull(Asyncio.await(out.communicate(b("abc"))).stdout());
            assertEquals(0, Asyncio.await(out.waitFor()));

            Subprocess err = shell("wc -c; echo oops >&2",
                    opts().withStdin(Stdio.PIPE).withStdout(Stdio.PIPE).withStderr(Stdio.DEVNULL));
            assertNull(err.stderr());
            ProcessOutput e = Asyncio.await(err.communicate(b("abc")));
            assertEquals("3", s(e.stdout()).trim());
            assertNull(e.stderr());
            assertEquals(0, Asyncio.await(err.waitFor()));
            return null;
        });
    }

    @Test
    void stderrToStdout() {
        Asyncio.run(() -> {
            Subprocess p = shell("echo out; echo err >&2; echo out2",
                    opts().withStdout(Stdio.PIPE).withStderr(Stdio.STDOUT));
            assertNull(p.stderr());
            ProcessOutput o = Asyncio.await(p.communicate(null));
            assertEquals("out\nerr\nout2\n", s(o.stdout()));
            assertNull(o.stderr());
            return null;
        });
    }

    @Test
    void separatePipes() {
        Asyncio.run(() -> {
            Subprocess p = shell("echo out; echo err >&2; exit 3",
                    opts().withStdout(Stdio.PIPE).withStderr(Stdio.PIPE));
            ProcessOutput o = Asyncio.await(p.communicate(null));
            assertEquals(new ProcessOutput(b("out\n"), b("err\n")), o);
            assertEquals(3, p.returncode());
            return null;
        });
    }

    @Test
    void cancelProcessWait() {
        // CPython's test_cancel_process_wait (issue #23140).
        Asyncio.run(() -> {
            Subprocess proc = exec(BLOCKED, opts());
            Task<Integer> task = Asyncio.createTask(() -> Asyncio.await(proc.waitFor()));
            Asyncio.getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(task));
            task.cancel();
            assertNull(proc.returncode(), "cancelling a wait leaves the process alone");
            proc.kill();
            assertEquals(128 + SIGKILL, Asyncio.await(proc.waitFor()));
            return null;
        });
    }

    @Test
    void cancelCreateSubprocessKillsTheProcess() throws Exception {
        // CPython's test_cancel_make_subprocess_transport_exec: the process started for a cancelled creation is
        // killed, not left behind.
        List<String> marked = List.of("sleep", "3598");
        // No inherited stdio: a process that outlived this test would hold the test JVM's output pipes open, and the
        // build would wait for it.
        SubprocessOptions detached = opts().withStdin(Stdio.DEVNULL).withStdout(Stdio.DEVNULL).withStderr(Stdio.DEVNULL);
        Asyncio.run(() -> {
            Task<Subprocess> task = Asyncio.createTask(() -> exec(marked, detached));
            Asyncio.getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(task));
            Future<Subprocess> direct = Asyncio.createSubprocessExec(marked, detached);
            assertTrue(direct.cancel());
            assertTrue(direct.isCancelled());
            // Let both starts finish and their kills be delivered.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (LoopTesting.childrenRunning(marked) > 0) {
                assertTrue(System.nanoTime() < deadline, "a cancelled start left its process running");
                Aio.sleep(0.01);
            }
            return null;
        });
    }

    /**
     * Every long-running child these tests start ({@code sleep 3597}–{@code 3599}) is killed by its test or by the
     * close of its loop; none may outlive the class (a leaked one once held the build's output open).
     */
    @AfterAll
    static void noBlockedChildOutlivesTheTests() throws Exception {
        List<ProcessHandle> marked = ProcessHandle.current().children()
                .filter(h -> h.info().arguments().map(a -> a.length == 1 && a[0].matches("359[7-9]")).orElse(false))
                .toList();
        for (ProcessHandle h : marked) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                // reported below
            }
        }
        List<String> alive = new ArrayList<>();
        for (ProcessHandle h : marked) {
            if (h.isAlive()) {
                alive.add(h.pid() + " " + h.info().commandLine().orElse("?"));
                h.destroyForcibly();
            }
        }
        assertEquals(List.of(), alive, "children left running by the tests (killed now)");
    }

    @Test
    void cancelCommunicate() {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Subprocess proc = shell("echo first; exec sleep 3597", opts().withStdin(Stdio.PIPE)
                    .withStdout(Stdio.PIPE));
            assertEquals("first\n", s(Asyncio.await(proc.stdout().readLine())));
            Future<ProcessOutput> comm = proc.communicate(b("input"));
            assertThrows(TimeoutError.class, () -> Aio.waitFor(comm, 0.05));
            assertTrue(comm.isCancelled());
            assertNull(proc.returncode(), "cancelling communicate leaves the process running");
            proc.kill();
            assertEquals(128 + SIGKILL, Asyncio.await(proc.waitFor()));
            assertTrue(proc.stdout().atEof());
            return null;
        });
        // Regression: the cancelled communicate's gather ended with a CancelledError reported as never retrieved.
        assertEquals(List.of(), reported);
    }

    @Test
    void missingExecutable() {
        Asyncio.run(() -> {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> exec(List.of("/nonexistent/asyncio4j-no-such-program"), opts()));
            assertInstanceOf(IOException.class, e.getCause());
            // With pipes (CPython's test_popen_error_with_stdin_pipe): the same, and nothing leaks.
            assertThrows(UncheckedIOException.class, () -> exec(List.of("asyncio4j-no-such-program-on-path"),
                    piped().withStderr(Stdio.PIPE)));
            // The shell itself starts; it reports the missing command with 127.
            assertEquals(127, Asyncio.await(shell("asyncio4j-no-such-program-on-path 2>/dev/null", opts())
                    .waitFor()));
            return null;
        });
    }

    @Test
    void notExecutable(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\nexit 0\n");
        Asyncio.run(() -> {
            assertThrows(UncheckedIOException.class, () -> exec(List.of(script.toString()), opts()));
            return null;
        });
    }

    @Test
    void readStdoutAfterProcessExit() {
        // CPython's test_read_stdout_after_process_exit (issue #23242): output left in the pipe after the exit is
        // still read, in pieces, with pauses between reads.
        Asyncio.run(() -> {
            Subprocess process = shell("head -c 262144 /dev/zero; exit 1", opts().withStdout(Stdio.PIPE));
            int total = 0;
            while (true) {
                byte[] data = Asyncio.await(process.stdout().read(65536));
                if (data.length == 0) {
                    break;
                }
                total += data.length;
                Aio.sleep(0.01);
            }
            assertEquals(262144, total);
            assertEquals(1, Asyncio.await(process.waitFor()));
            return null;
        });
    }

    @Test
    void envReplacesTheEnvironment() {
        // CPython's test_create_subprocess_env_shell / _exec, then check_stdout_output's wait after communicate.
        Asyncio.run(() -> {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("FOO", "bar");
            Subprocess p = shell("printf %s \"$FOO\"", opts().withStdout(Stdio.PIPE).withEnv(env));
            assertEquals("bar", s(Asyncio.await(p.communicate(null)).stdout()));
            assertEquals(0, p.returncode());
            Task<Integer> task = Asyncio.createTask(() -> Asyncio.await(p.waitFor()));
            Aio.sleep0();
            assertEquals(0, task.result(), "wait() after the exit is done at once");

            Subprocess only = exec(List.of("/usr/bin/env"), opts().withStdout(Stdio.PIPE)
                    .withEnv(Map.of("ONLY", "this")));
            assertEquals("ONLY=this\n", s(Asyncio.await(only.communicate(null)).stdout()));
            return null;
        });
    }

    @Test
    void cwd(@TempDir Path dir) {
        Asyncio.run(() -> {
            Subprocess p = exec(List.of("pwd"), opts().withStdout(Stdio.PIPE).withCwd(dir));
            assertEquals(dir.toRealPath().toString(), s(Asyncio.await(p.communicate(null)).stdout()).trim());
            assertThrows(UncheckedIOException.class,
                    () -> exec(List.of("pwd"), opts().withCwd(dir.resolve("missing"))));
            return null;
        });
    }

    @Test
    void concurrentWait() {
        // CPython's test_subprocess_concurrent_wait.
        Asyncio.run(() -> {
            Subprocess proc = exec(CAT, piped());
            assertEquals("some data", s(Asyncio.await(proc.communicate(b("some data"))).stdout()));
            assertEquals(0, proc.returncode());
            List<Future<Integer>> waits = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                waits.add(proc.waitFor());
            }
            assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), Asyncio.await(Asyncio.gather(waits)));
            return null;
        });
    }

    @Test
    void waitersBeforeTheExitAllWake() {
        Asyncio.run(() -> {
            Subprocess proc = exec(CAT, piped());
            List<Future<Integer>> waits = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waits.add(proc.waitFor());
            }
            waits.get(3).cancel();
            proc.stdin().close();
            assertEquals(0, Asyncio.await(proc.waitFor()));
            for (int i = 0; i < 20; i++) {
                assertTrue(waits.get(i).isDone());
                if (i != 3) {
                    assertEquals(0, waits.get(i).result());
                }
            }
            return null;
        });
    }

    @Test
    void communicateStdoutConcurrently() {
        // CPython's test_subprocess_communicate_stdout (gh-100133): no output lost with many processes at once.
        Asyncio.run(() -> {
            List<Future<ProcessOutput>> outs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                outs.add(Asyncio.createTask(() -> Asyncio.await(
                        exec(List.of("echo", "foo" + n), opts().withStdout(Stdio.PIPE)).communicate(null))));
            }
            List<ProcessOutput> got = Asyncio.await(Asyncio.gather(outs));
            for (int i = 0; i < 10; i++) {
                assertEquals("foo" + i, s(got.get(i).stdout()).trim());
            }
            return null;
        });
    }

    @Test
    void waitAfterExitAndReturncode() {
        Asyncio.run(() -> {
            Subprocess p = exec(List.of("sh", "-c", "exit 42"), opts());
            assertTrue(p.pid() > 0);
            assertEquals(42, Asyncio.await(p.waitFor()));
            assertEquals(42, p.returncode());
            assertEquals(42, Asyncio.await(p.waitFor()), "wait after the exit");
            assertNull(p.stdin());
            assertNull(p.stdout());
            assertNull(p.stderr());
            ProcessOutput o = Asyncio.await(p.communicate(null));
            assertNull(o.stdout());
            assertNull(o.stderr());
            return null;
        });
    }

    @Test
    void stdinWaitClosed() {
        Asyncio.run(() -> {
            Subprocess p = exec(CAT, piped());
            p.stdin().write(b("x"));
            p.stdin().close();
            assertTrue(p.stdin().isClosing());
            Asyncio.await(p.stdin().waitClosed());
            assertEquals("x", s(Asyncio.await(p.stdout().read(-1))));
            assertEquals(0, Asyncio.await(p.waitFor()));
            return null;
        });
    }

    @Test
    void readLinesAsTheyCome() {
        Asyncio.run(() -> {
            Subprocess p = exec(CAT, piped());
            for (int i = 0; i < 100; i++) {
                p.stdin().write(b("line " + i + "\n"));
                Asyncio.await(p.stdin().drain());
                assertEquals("line " + i + "\n", s(Asyncio.await(p.stdout().readLine())));
            }
            p.stdin().close();
            assertArrayEquals(new byte[0], Asyncio.await(p.stdout().readLine()));
            assertEquals(0, Asyncio.await(p.waitFor()));
            return null;
        });
    }

    // ------------------------------------------------------------------ large data

    @Test
    void tenMegabytesOnBothPipes() {
        int size = 10 * 1024 * 1024;
        Asyncio.run(() -> {
            // Both pipes fill at once: reading one after the other would deadlock.
            Subprocess p = shell("yes outoutout | head -c " + size + " & yes errerr | head -c " + size
                    + " >&2; wait", opts().withStdout(Stdio.PIPE).withStderr(Stdio.PIPE));
            ProcessOutput o = Asyncio.await(p.communicate(null));
            assertEquals(0, p.returncode());
            assertEquals(size, o.stdout().length);
            assertEquals(size, o.stderr().length);
            assertArrayEquals(pattern("outoutout", size), o.stdout());
            assertArrayEquals(pattern("errerr", size), o.stderr());
            return null;
        });
    }

    @Test
    void tenMegabytesBothWays() {
        int size = 10 * 1024 * 1024;
        byte[] input = pattern("some input data", size);
        Asyncio.run(() -> {
            // tee writes every byte to both pipes while it reads its input: stdin, stdout and stderr all at once.
            Subprocess p = exec(List.of("tee", "/dev/stderr"), piped().withStderr(Stdio.PIPE));
            ProcessOutput o = Asyncio.await(p.communicate(input));
            assertEquals(0, p.returncode());
            assertArrayEquals(input, o.stdout());
            assertArrayEquals(input, o.stderr());
            return null;
        });
    }

    @Test
    void largeWritesWithDrain() {
        int chunks = 64;
        Asyncio.run(() -> {
            Subprocess p = exec(List.of("wc", "-c"), piped());
            Task<byte[]> reader = Asyncio.createTask(() -> Asyncio.await(p.stdout().read(-1)));
            byte[] chunk = new byte[100_000];
            for (int i = 0; i < chunks; i++) {
                p.stdin().write(chunk);
                Asyncio.await(p.stdin().drain());
                assertTrue(p.stdin().transport().getWriteBufferSize() <= 64 * 1024,
                        "drain returned above the high-water mark");
            }
            p.stdin().close();
            assertEquals(String.valueOf(chunks * 100_000), s(Asyncio.await(reader)).trim());
            assertEquals(0, Asyncio.await(p.waitFor()));
            return null;
        });
    }

    @Test
    void manyProcessesAtOnce() {
        int n = 100;
        Asyncio.run(() -> {
            List<Future<ProcessOutput>> outs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] input = b("process " + i + "\n");
                outs.add(Asyncio.createTask(() -> {
                    Subprocess p = exec(CAT, piped().withStderr(Stdio.PIPE));
                    return Asyncio.await(p.communicate(input));
                }));
            }
            List<ProcessOutput> got = Asyncio.await(Asyncio.gather(outs));
            for (int i = 0; i < n; i++) {
                assertEquals(new ProcessOutput(b("process " + i + "\n"), new byte[0]), got.get(i));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> opts().withStdin(Stdio.STDOUT));
        assertThrows(IllegalArgumentException.class, () -> opts().withStdout(Stdio.STDOUT));
        assertEquals(Stdio.STDOUT, opts().withStderr(Stdio.STDOUT).stderr());
        assertThrows(NullPointerException.class, () -> opts().withStdin(null));
        assertThrows(NullPointerException.class, () -> opts().withStdout(null));
        assertThrows(NullPointerException.class, () -> opts().withStderr(null));
        assertThrows(NullPointerException.class, () -> opts().withCwd(null));
        assertThrows(NullPointerException.class, () -> opts().withEnv(null));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("A", null);
        assertThrows(NullPointerException.class, () -> opts().withEnv(nullValue));
        assertThrows(IllegalArgumentException.class, () -> opts().withEnv(Map.of("A=B", "x")));
        assertThrows(IllegalArgumentException.class, () -> opts().withEnv(Map.of("A", "x\0y")));
        assertThrows(IllegalArgumentException.class, () -> opts().withLimit(0));
        assertThrows(IllegalArgumentException.class, () -> opts().withLimit(-1));
        assertEquals(10, opts().withLimit(10).limit());
        assertEquals(Stdio.INHERIT, opts().stdin());
        assertEquals(Stdio.INHERIT, opts().stdout());
        assertEquals(Stdio.INHERIT, opts().stderr());
        assertNull(opts().cwd());
        assertNull(opts().env());
        assertEquals(StreamOptions.DEFAULT_LIMIT, opts().limit());

        assertThrows(IllegalStateException.class, () -> Asyncio.createSubprocessExec(List.of("true"), opts()),
                "no running loop");
        Asyncio.run(() -> {
            assertThrows(NullPointerException.class, () -> Asyncio.createSubprocessExec(null, opts()));
            assertThrows(NullPointerException.class, () -> Asyncio.createSubprocessExec(List.of("true"), null));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.createSubprocessExec(List.of(), opts()));
            assertThrows(NullPointerException.class,
                    () -> Asyncio.createSubprocessExec(Arrays.asList("echo", null), opts()));
            assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.createSubprocessExec(List.of("echo", "a\0b"), opts()));
            assertThrows(NullPointerException.class, () -> Asyncio.createSubprocessShell(null, opts()));
            assertThrows(NullPointerException.class, () -> Asyncio.createSubprocessShell("true", null));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.createSubprocessShell("a\0b", opts()));
            Subprocess p = exec(List.of("true"), opts());
            assertThrows(IllegalArgumentException.class, () -> p.communicate(b("no stdin pipe")));
            Asyncio.await(p.waitFor());
            return null;
        });
    }

    @Test
    void optionsValue() {
        SubprocessOptions a = opts().withStdout(Stdio.PIPE).withEnv(Map.of("A", "1")).withLimit(5);
        SubprocessOptions b = opts().withLimit(5).withEnv(Map.of("A", "1")).withStdout(Stdio.PIPE);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> a.env().put("B", "2"));
        assertTrue(a.toString().contains("stdout=PIPE"), a.toString());
        assertEquals(new ProcessOutput(b("x"), null), new ProcessOutput(b("x"), null));
        assertEquals("ProcessOutput[stdout=1 bytes, stderr=null]", new ProcessOutput(b("x"), null).toString());
    }
}
