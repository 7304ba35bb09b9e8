package dev.asyncio4j.kotlin.internal.io

import dev.asyncio4j.Future
import dev.asyncio4j.Stdio
import dev.asyncio4j.SubprocessOptions
import dev.asyncio4j.internal.SubprocessStreamProtocol
import dev.asyncio4j.internal.SubprocessTransport
import dev.asyncio4j.kotlin.internal.EventLoopImpl
import java.io.File
import java.io.IOException
import java.io.UncheckedIOException

/**
 * A child process of a loop: CPython's `_UnixSubprocessTransport` plus its child watcher, over `java.lang.Process`.
 * The rules (pipes, exit, `wait()`) are [SubprocessTransport]'s; this class does what needs the JDK:
 *
 * - [start] starts the process on a [PipeThreads] thread (`ProcessBuilder.start()` takes a millisecond or more,
 *   too long for the loop), then connects it on the loop: one [PipeReadTransport] per piped output, one
 *   [PipeWriteTransport] for a piped stdin, the protocol's `connectionMade`, then the pumps.
 * - The exit is observed off the loop by `Process.onExit()` and handed to the loop, where it closes a stdin pipe the
 *   child can no longer read (CPython notices the pipe's read end closing).
 * - From [start] until the exit reached the loop the process counts as outside work of the loop
 *   ([EventLoopImpl.outsideWork]); so do the pumps, while they read or have bytes to write. A loop that closes
 *   while the process runs kills it.
 *
 * Loop-confined, except the start and exit hand-offs.
 */
internal class ProcessTransport private constructor(
    private val loopImpl: EventLoopImpl,
    protocol: SubprocessStreamProtocol,
    private val process: Process,
    options: SubprocessOptions,
) : SubprocessTransport(
    loopImpl, protocol, process.pid(),
    options.stdin() == Stdio.PIPE, options.stdout() == Stdio.PIPE, options.stderr() == Stdio.PIPE,
) {
    private val stdinPipe: PipeWriteTransport? =
        if (options.stdin() == Stdio.PIPE) PipeWriteTransport(loopImpl, process.outputStream, pipeProtocol(STDIN), "stdin of ${process.pid()}") else null
    private val stdoutPipe: PipeReadTransport? =
        if (options.stdout() == Stdio.PIPE) PipeReadTransport(loopImpl, process.inputStream, pipeProtocol(STDOUT), "stdout of ${process.pid()}") else null
    private val stderrPipe: PipeReadTransport? =
        if (options.stderr() == Stdio.PIPE) PipeReadTransport(loopImpl, process.errorStream, pipeProtocol(STDERR), "stderr of ${process.pid()}") else null

    init {
        pipesConnected()
        loopImpl.outsideWork.onLoopClose(this) { abandon() }
    }

    /**
     * The loop closes while the process runs: nobody can wait for it any more, so it is killed and its pipes closed
     * (CPython kills it when the closed loop's transport is collected, warning "unclosed transport").
     */
    private fun abandon() {
        val level = if (loopImpl.isDebug()) System.Logger.Level.WARNING else System.Logger.Level.DEBUG
        EventLoopImpl.LOGGER.log(level, "The loop closed while its child process ran: killing $this")
        close()
    }

    /** Watches the exit, then starts the pumps. Throws when a pump's thread cannot start. */
    private fun watch() {
        process.onExit().whenComplete { _, _ ->
            val status = process.exitValue()
            try {
                loopImpl.callSoonThreadsafe { exited(status) }
            } catch (closed: IllegalStateException) {
                // The loop is gone: nobody waits for this process any more.
            }
        }
        stdoutPipe?.start()
        stderrPipe?.start()
    }

    private fun exited(status: Int) {
        loopImpl.outsideWork.end()
        loopImpl.outsideWork.forget(this)
        processExited(status)
        stdinPipe?.peerClosed()
    }

    override fun destroy(forcibly: Boolean) {
        if (forcibly) process.destroyForcibly() else process.destroy()
    }

    override fun isAlive(): Boolean = process.isAlive

    companion object {
        private val NULL_FILE = File(if (File.separatorChar == '\\') "NUL" else "/dev/null")

        /**
         * Starts `argv` for [protocol] on [loop] (call on the loop). The Future holds the connected transport, or
         * fails with [UncheckedIOException] when the process cannot start (a missing executable or directory), or
         * with what thread creation threw. Cancelled before the process is connected, it kills the process.
         */
        fun start(
            loop: EventLoopImpl,
            argv: List<String>,
            options: SubprocessOptions,
            protocol: SubprocessStreamProtocol,
        ): Future<SubprocessTransport> {
            val result = loop.createFuture<SubprocessTransport>()
            val builder = builder(argv, options)
            loop.outsideWork.begin()
            try {
                PipeThreads.start("asyncio4j-spawn-${argv[0]}") { spawn(loop, builder, options, protocol, result) }
            } catch (t: Throwable) {
                loop.outsideWork.end()
                if (t is VirtualMachineError && t !is OutOfMemoryError) throw t
                result.setException(t)
            }
            return result
        }

        private fun builder(argv: List<String>, options: SubprocessOptions): ProcessBuilder {
            val b = ProcessBuilder(argv)
            options.cwd()?.let { b.directory(it.toFile()) }
            options.env()?.let { env ->
                val e = b.environment()
                e.clear()
                e.putAll(env)
            }
            b.redirectInput(redirect(options.stdin(), input = true))
            b.redirectOutput(redirect(options.stdout(), input = false))
            if (options.stderr() == Stdio.STDOUT) {
                b.redirectErrorStream(true)
            } else {
                b.redirectError(redirect(options.stderr(), input = false))
            }
            return b
        }

        private fun redirect(stdio: Stdio, input: Boolean): ProcessBuilder.Redirect = when (stdio) {
            Stdio.PIPE -> ProcessBuilder.Redirect.PIPE
            Stdio.INHERIT -> ProcessBuilder.Redirect.INHERIT
            Stdio.DEVNULL -> if (input) ProcessBuilder.Redirect.from(NULL_FILE) else ProcessBuilder.Redirect.DISCARD
            Stdio.STDOUT -> throw IllegalArgumentException("Stdio.STDOUT is only for stderr")
        }

        /** On a pipe thread: `ProcessBuilder.start()`, then the hand-off to the loop. */
        private fun spawn(
            loop: EventLoopImpl,
            builder: ProcessBuilder,
            options: SubprocessOptions,
            protocol: SubprocessStreamProtocol,
            result: Future<SubprocessTransport>,
        ) {
            val process = try {
                builder.start()
            } catch (t: Throwable) {
                val error = if (t is IOException) UncheckedIOException(t) else t
                handOff(loop) {
                    loop.outsideWork.end()
                    if (!result.isDone) result.setException(error)
                }
                if (t !is IOException && t !is RuntimeException && t !is OutOfMemoryError) throw t
                return
            }
            // Until connect() runs on the loop, nobody owns the process: a loop that closes first (and so drops the
            // hand-off below, or refuses it) kills it.
            loop.outsideWork.onLoopClose(process) { process.destroyForcibly() }
            handOff(loop) { connect(loop, process, options, protocol, result) }
        }

        /** Hands [r] to the loop; a closed loop refuses it (its outside work was cleaned up at the close). */
        private fun handOff(loop: EventLoopImpl, r: Runnable) {
            try {
                loop.callSoonThreadsafe(r)
            } catch (closed: IllegalStateException) {
                // The loop closed: what the start registered with outsideWork.onLoopClose ran then.
            }
        }

        /** On the loop: the pipes, the protocol's `connectionMade`, the exit watch and the pumps. */
        private fun connect(
            loop: EventLoopImpl,
            process: Process,
            options: SubprocessOptions,
            protocol: SubprocessStreamProtocol,
            result: Future<SubprocessTransport>,
        ) {
            loop.outsideWork.forget(process)
            val transport = try {
                ProcessTransport(loop, protocol, process, options)
            } catch (t: Throwable) {
                process.destroyForcibly()
                loop.outsideWork.end()
                if (!result.isDone) result.setException(t)
                if (t is VirtualMachineError && t !is StackOverflowError) throw t
                return
            }
            try {
                transport.watch()
            } catch (t: Throwable) {
                // A pump could not start: the process is of no use. The exit watch (already set) ends the work.
                transport.close()
                if (!result.isDone) result.setException(t)
                if (t is VirtualMachineError && t !is OutOfMemoryError) throw t
                return
            }
            if (result.isDone) {
                // Cancelled while starting (CPython: "Exception during subprocess creation, kill the subprocess").
                transport.close()
                return
            }
            result.setResult(transport)
        }
    }
}
