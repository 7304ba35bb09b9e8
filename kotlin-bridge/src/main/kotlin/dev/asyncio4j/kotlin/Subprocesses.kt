@file:JvmName("KotlinSubprocesses")

package dev.asyncio4j.kotlin

import dev.asyncio4j.Asyncio
import dev.asyncio4j.ProcessOutput
import dev.asyncio4j.Subprocess
import dev.asyncio4j.SubprocessOptions

// Python's asyncio.subprocess for Kotlin. The suspending waits carry an `Await` suffix because the Java members of
// the same name (`waitFor()`, `communicate(input)`) return Futures, and a member always wins over an extension.

/**
 * Python's `await asyncio.create_subprocess_exec(*command, ...)`: starts a program directly (no shell). Call on a
 * loop (a Task or the loop's dispatcher). Throws [java.io.UncheckedIOException] when the program cannot be started
 * (missing, not executable, missing working directory). Cancelling the caller kills the process once started.
 *
 * ```kotlin
 * val p = createSubprocessExec(listOf("ls", "-l"), SubprocessOptions.defaults().withStdout(Stdio.PIPE))
 * val (out, _) = p.communicateAwait()
 * ```
 */
suspend fun createSubprocessExec(
    command: List<String>,
    options: SubprocessOptions = SubprocessOptions.defaults(),
): Subprocess = Asyncio.createSubprocessExec(command, options).await()

/** [createSubprocessExec] with the program and its arguments as Python writes them: `createSubprocessExec("ls", "-l")`. */
suspend fun createSubprocessExec(
    vararg command: String,
    options: SubprocessOptions = SubprocessOptions.defaults(),
): Subprocess = Asyncio.createSubprocessExec(command.asList(), options).await()

/**
 * Python's `await asyncio.create_subprocess_shell(cmd, ...)`: runs `/bin/sh -c command`, so the command may hold
 * pipes and redirections. The shell interprets everything: quote what comes from users.
 */
suspend fun createSubprocessShell(
    command: String,
    options: SubprocessOptions = SubprocessOptions.defaults(),
): Subprocess = Asyncio.createSubprocessShell(command, options).await()

/**
 * Python's `await proc.wait()`: the exit status, once the process exited and its pipes are drained and closed
 * (at once when already known). Cancelling the caller leaves the process running.
 */
suspend fun Subprocess.waitForAwait(): Int = waitFor().await()

/**
 * Python's `await proc.communicate(input)`: writes [input] (if any) to stdin and closes it, reads stdout and stderr
 * to end of file all at once (no deadlock however much the child writes), then waits for the exit. Cancelling the
 * caller stops the reading and writing and leaves the process running.
 */
suspend fun Subprocess.communicateAwait(input: ByteArray? = null): ProcessOutput = communicate(input).await()

/** `val (stdout, stderr) = output`: what stdout produced, or null when it was not piped. */
operator fun ProcessOutput.component1(): ByteArray? = stdout()

/** `val (stdout, stderr) = output`: what stderr produced, or null when it was not piped. */
operator fun ProcessOutput.component2(): ByteArray? = stderr()
