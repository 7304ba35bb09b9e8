package dev.asyncio4j.kotlin.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.ProcessOutput;
import dev.asyncio4j.Stdio;
import dev.asyncio4j.Subprocess;
import dev.asyncio4j.SubprocessOptions;
import dev.asyncio4j.kotlin.internal.EventLoopImpl;
import dev.asyncio4j.kotlin.internal.LoopTesting;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import kotlin.Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The subprocess runtime: the loop's outside-work count ({@link EventLoopImpl#outsideWork}) across a process's life
 * and its pumps' pauses, and the faults of thread creation (the start thread, a pump, the stdin writer).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SubprocessRuntimeTest {
    @AfterEach
    void realThreads() {
        PipeThreads.starter = null;
    }

    static int pending() {
        return ((EventLoopImpl) Asyncio.getRunningLoop()).outsideWork.pending();
    }

    static Subprocess exec(List<String> command, SubprocessOptions options) {
        return Asyncio.await(Asyncio.createSubprocessExec(command, options));
    }

    /** Yields to the loop until {@code condition} holds (the events come from other threads), failing after 60 s. */
    static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Asyncio.await(Asyncio.sleep(0.005));
        }
    }

    static boolean running(List<String> command) {
        return LoopTesting.childrenRunning(command) > 0;
    }

    @Test
    void outsideWorkCountsTheProcessAndItsPumps() {
        Asyncio.run(() -> {
            assertEquals(0, pending());
            Subprocess p = exec(List.of("sleep", "3594"), SubprocessOptions.defaults().withStdout(Stdio.PIPE)
                    .withStderr(Stdio.PIPE).withStdin(Stdio.PIPE));
            // The process and its two reading pumps; the stdin writer has nothing to write.
            assertEquals(3, pending());
            p.stdin().write(new byte[10]);
            assertTrue(pending() >= 3);
            p.kill();
            assertEquals(137, Asyncio.await(p.waitFor()));
            assertEquals(0, pending(), "everything was handed to the loop");
            return null;
        });
    }

    @Test
    void aPausedPumpIsNotOutsideWork() {
        int size = 4 * 1024 * 1024;
        Asyncio.run(() -> {
            Subprocess p = Asyncio.await(Asyncio.createSubprocessShell("yes | head -c " + size,
                    SubprocessOptions.defaults().withStdout(Stdio.PIPE).withLimit(1024)));
            // Nobody reads: the reader pauses its pump, which then waits for the loop, not the other way round.
            awaitCondition("the pump paused", () -> pending() == 1);
            byte[] all = Asyncio.await(p.stdout().read(-1));
            assertEquals(size, all.length);
            assertEquals(0, Asyncio.await(p.waitFor()));
            assertEquals(0, pending());
            return null;
        });
    }

    @Test
    void aStartThatFailsIsNoLongerOutsideWork() {
        Asyncio.run(() -> {
            assertThrows(UncheckedIOException.class,
                    () -> exec(List.of("/nonexistent/asyncio4j-missing"), SubprocessOptions.defaults()));
            assertEquals(0, pending());
            return null;
        });
    }

    @Test
    void noThreadForTheStart() {
        OutOfMemoryError noThread = new OutOfMemoryError("unable to create native thread: possibly out of memory");
        PipeThreads.starter = (name, body) -> {
            throw noThread;
        };
        Asyncio.run(() -> {
            OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                    () -> exec(List.of("true"), SubprocessOptions.defaults()));
            assertSame(noThread, e);
            assertEquals(0, pending());
            PipeThreads.starter = null;
            assertEquals(0, Asyncio.await(exec(List.of("true"), SubprocessOptions.defaults()).waitFor()),
                    "the next start works");
            return null;
        });
    }

    @Test
    void noThreadForAPumpKillsTheProcess() {
        List<String> marked = List.of("sleep", "3593");
        AtomicInteger starts = new AtomicInteger();
        PipeThreads.starter = (name, body) -> {
            if (starts.incrementAndGet() > 1) {
                throw new RejectedExecutionException("no thread for " + name);
            }
            new Thread(body, name).start(); // the start thread works; the stdout pump does not
            return Unit.INSTANCE;
        };
        Asyncio.run(() -> {
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                    () -> exec(marked, SubprocessOptions.defaults().withStdout(Stdio.PIPE)));
            assertTrue(e.getMessage().contains("stdout"), e.getMessage());
            awaitCondition("the process was killed and its exit seen", () -> pending() == 0);
            assertFalse(running(marked), "the process whose pump could not start is killed");
            return null;
        });
    }

    @Test
    void noThreadForTheStdinWriter() {
        AtomicInteger starts = new AtomicInteger();
        PipeThreads.starter = (name, body) -> {
            if (name.contains("stdin")) {
                throw new RejectedExecutionException("no thread for " + name);
            }
            starts.incrementAndGet();
            new Thread(body, name).start();
            return Unit.INSTANCE;
        };
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Subprocess p = exec(List.of("cat"), SubprocessOptions.defaults().withStdin(Stdio.PIPE)
                    .withStdout(Stdio.PIPE));
            p.stdin().write(new byte[] {'x'});
            // The writer is lost with the error: drain() reports it, the child sees end of file.
            RuntimeException drained = assertThrows(RuntimeException.class, () -> Asyncio.await(p.stdin().drain()));
            assertTrue(drained instanceof RejectedExecutionException || drained instanceof UncheckedIOException,
                    drained.toString());
            ProcessOutput out = Asyncio.await(p.communicate(null));
            assertArrayEquals(new byte[0], out.stdout());
            assertEquals(0, p.returncode());
            assertEquals(0, pending());
            return null;
        });
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).exception() instanceof RejectedExecutionException);
    }

    @Test
    void aStartHandedToALoopThatClosesFirstIsKilled() throws Exception {
        // Regression (seen once in CI as a `sleep` outliving the test JVM): the start thread handed the started
        // process to the loop, the loop closed before it ran that hand-off, and nobody ever killed the process.
        List<String> marked = List.of("sleep", "3591");
        SubprocessOptions detached = SubprocessOptions.defaults().withStdin(Stdio.DEVNULL).withStdout(Stdio.DEVNULL)
                .withStderr(Stdio.DEVNULL);
        CountDownLatch handedOff = new CountDownLatch(1);
        PipeThreads.starter = (name, body) -> {
            new Thread(() -> {
                body.run(); // ProcessBuilder.start(), then callSoonThreadsafe(connect)
                handedOff.countDown();
            }, name).start();
            return Unit.INSTANCE;
        };
        EventLoop loop = Asyncio.newEventLoop();
        ProcessHandle child = null;
        try {
            Future<Subprocess> start = loop.runUntilComplete(() -> Asyncio.createSubprocessExec(marked, detached));
            assertTrue(handedOff.await(60, TimeUnit.SECONDS), "the start thread handed the process to the loop");
            assertFalse(start.isDone(), "the loop has not run the hand-off");
            child = LoopTesting.liveChildren(marked).stream().findFirst().orElseThrow();
            loop.close();
            child.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "the closed loop killed the process it never connected");
        } finally {
            if (child != null) child.destroyForcibly();
            if (!loop.isClosed()) loop.close();
        }
    }

    @Test
    void cancellationAtEveryStepLeavesNothingBehind() {
        List<String> marked = List.of("sleep", "3592");
        SubprocessOptions all = SubprocessOptions.defaults().withStdin(Stdio.PIPE).withStdout(Stdio.PIPE)
                .withStderr(Stdio.PIPE);
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            for (int steps = 0; steps < 40; steps++) {
                // Start, then communicate, with a cancellation after `steps` loop iterations, wherever that falls.
                dev.asyncio4j.Task<Object> task = Asyncio.createTask(() -> {
                    Subprocess p = exec(marked, all);
                    try {
                        return Asyncio.await(p.communicate(new byte[100_000]));
                    } finally {
                        p.kill();
                    }
                });
                for (int i = 0; i < steps; i++) {
                    Asyncio.await(Asyncio.sleep(0));
                }
                task.cancel();
                try {
                    Asyncio.await(task);
                } catch (dev.asyncio4j.CancelledError expected) {
                    // cancelled wherever it was
                }
            }
            // A Task cancelled just after its start finished never sees its Subprocess (as in CPython): that
            // process runs on, and counts (itself and its two reading pumps), until the loop closes. Everything
            // else was killed, seen to exit, and counts no more.
            awaitCondition("only the unseen processes count", () -> pending() == 3 * LoopTesting.childrenRunning(marked));
            return null;
        });
        assertEquals(List.of(), reported);
        awaitNoneRunning(marked);
    }

    @Test
    void closingTheLoopKillsItsRunningChildren() {
        List<String> marked = List.of("sleep", "3591");
        Asyncio.run(() -> {
            exec(marked, SubprocessOptions.defaults().withStdout(Stdio.PIPE).withStdin(Stdio.PIPE));
            exec(marked, SubprocessOptions.defaults());
            assertEquals(2 + 1, pending());
            return null; // never waited for
        });
        awaitNoneRunning(marked);
    }

    /** Outside any loop: waits (up to 60 s) until no child runs {@code command}. */
    static void awaitNoneRunning(List<String> command) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running(command)) {
            assertTrue(System.nanoTime() < deadline, "a child still runs " + command);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
