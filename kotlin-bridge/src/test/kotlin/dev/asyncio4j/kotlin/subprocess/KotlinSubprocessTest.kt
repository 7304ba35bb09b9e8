package dev.asyncio4j.kotlin.subprocess

import dev.asyncio4j.CancelledError
import dev.asyncio4j.Stdio
import dev.asyncio4j.SubprocessOptions
import dev.asyncio4j.TimeoutError
import dev.asyncio4j.kotlin.asyncioRun
import dev.asyncio4j.kotlin.await
import dev.asyncio4j.kotlin.communicateAwait
import dev.asyncio4j.kotlin.component1
import dev.asyncio4j.kotlin.component2
import dev.asyncio4j.kotlin.createSubprocessExec
import dev.asyncio4j.kotlin.createSubprocessShell
import dev.asyncio4j.kotlin.createTask
import dev.asyncio4j.kotlin.waitForAwait
import dev.asyncio4j.kotlin.withAsyncioTimeout
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.io.UncheckedIOException
import java.util.concurrent.TimeUnit

/**
 * The Kotlin surface of subprocesses (`createSubprocessExec`, `communicateAwait`, `waitForAwait`) in Kotlin Tasks:
 * CPython's test_subprocess cases that matter for a suspend caller, the 10 MB both-pipes case, and cancellation of
 * a suspended caller.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KotlinSubprocessTest {
    private val piped = SubprocessOptions.defaults().withStdin(Stdio.PIPE).withStdout(Stdio.PIPE)

    @Test
    fun communicateWithCat() {
        val (out, status) = asyncioRun {
            val p = createSubprocessExec("cat", options = piped)
            val (stdout, stderr) = p.communicateAwait("some data".toByteArray())
            assertNull(stderr)
            stdout!!.decodeToString() to p.returncode()
        }
        assertEquals("some data", out)
        assertEquals(0, status)
    }

    @Test
    fun streamsLineByLine() {
        val lines = asyncioRun {
            val p = createSubprocessExec(listOf("cat"), piped)
            repeat(3) { i ->
                p.stdin().write("line $i\n".toByteArray())
                p.stdin().drain().await()
            }
            p.stdin().close()
            val got = mutableListOf<String>()
            while (true) {
                val line = p.stdout().readLine().await()
                if (line.isEmpty()) break
                got.add(line.decodeToString())
            }
            assertEquals(0, p.waitForAwait())
            got
        }
        assertEquals(listOf("line 0\n", "line 1\n", "line 2\n"), lines)
    }

    @Test
    fun shellExitStatusAndStderr() {
        asyncioRun {
            val p = createSubprocessShell(
                "echo to-stderr >&2; exit 3",
                SubprocessOptions.defaults().withStderr(Stdio.PIPE),
            )
            val (stdout, stderr) = p.communicateAwait()
            assertNull(stdout)
            assertEquals("to-stderr\n", stderr!!.decodeToString())
            assertEquals(3, p.waitForAwait())
        }
    }

    @Test
    fun killAndTerminateReportTheSignalAs128PlusN() {
        asyncioRun {
            val a = createSubprocessExec("sleep", "3596")
            a.kill()
            assertEquals(128 + 9, a.waitForAwait())
            val b = createSubprocessExec("sleep", "3596")
            b.terminate()
            assertEquals(128 + 15, b.waitForAwait())
        }
    }

    @Test
    fun missingExecutableThrowsUncheckedIOException() {
        assertThrows(UncheckedIOException::class.java) {
            asyncioRun { createSubprocessExec("/nonexistent/asyncio4j-no-such-program") }
        }
    }

    @Test
    fun tenMegabytesOnBothPipes() {
        val size = 10 * 1024 * 1024
        val (out, err) = asyncioRun {
            val p = createSubprocessShell(
                "yes o | head -c $size & yes e | head -c $size >&2; wait",
                SubprocessOptions.defaults().withStdout(Stdio.PIPE).withStderr(Stdio.PIPE),
            )
            val output = p.communicateAwait()
            assertEquals(0, p.returncode())
            output
        }
        assertEquals(size, out!!.size)
        assertEquals(size, err!!.size)
        assertArrayEquals(ByteArray(size) { if (it % 2 == 0) 'o'.code.toByte() else '\n'.code.toByte() }, out)
        assertArrayEquals(ByteArray(size) { if (it % 2 == 0) 'e'.code.toByte() else '\n'.code.toByte() }, err)
    }

    @Test
    fun cancellingASuspendedCallerLeavesTheProcessRunning() {
        asyncioRun {
            val p = createSubprocessShell("echo started; exec sleep 3595", piped)
            assertEquals("started\n", p.stdout().readLine().await().decodeToString())
            val waiter = createTask { p.waitForAwait() }
            val timedOut = try {
                withAsyncioTimeout(0.05) { p.communicateAwait() }
                false
            } catch (expected: TimeoutError) {
                true
            }
            assertTrue(timedOut, "communicateAwait() of a sleeping child outlived its timeout")
            assertNull(p.returncode(), "cancelling communicateAwait leaves the process running")
            waiter.cancel()
            val waitCancelled = try {
                waiter.await()
                false
            } catch (expected: CancelledError) {
                true
            }
            assertTrue(waitCancelled)
            p.kill()
            assertEquals(128 + 9, p.waitForAwait())
            assertArrayEquals(ByteArray(0), p.stdout().read(-1).await())
        }
    }
}
