package dev.asyncio4j;

/**
 * A running child process: Python's {@code asyncio.subprocess.Process}, made by
 * {@link Asyncio#createSubprocessExec(java.util.List, SubprocessOptions)} and
 * {@link Asyncio#createSubprocessShell(String, SubprocessOptions)}.
 *
 * <p><b>Threading.</b> Loop-confined, as its streams: call it on the loop that created it (its callbacks, Tasks and
 * Java bodies). Nothing here blocks the loop: the JDK's blocking pipes are pumped by threads of their own (virtual
 * threads on JDK 21+, daemon threads on JDK 17), and the process's exit is observed off the loop, then handed to it.
 *
 * <p><b>Cancellation.</b> Cancelling {@link #waitFor()} or {@link #communicate(byte[])} leaves the process running
 * and loses no output: a later read or {@code communicate} sees every byte not yet read.
 *
 * <p><b>Lifetime.</b> A process outlives nothing but its loop: when the loop closes while the process still runs
 * (nobody can wait for it any more), it is killed and its pipes closed, as CPython does when it collects the closed
 * loop's transport. Output that the child's own children write after the child exited may be lost: the JDK closes
 * the pipes once the child exited and what they held was read (CPython reads on until every writer closed them).
 *
 * <p><b>Exit status.</b> {@link #returncode()} is the exit status; a process killed by signal {@code N} reports
 * {@code 128 + N} (137 after {@link #kill()}, 143 after {@link #terminate()}), as the JDK and every Unix shell do.
 * CPython reports {@code -N} instead: the JDK does not tell a death by signal from an {@code exit(128 + N)}.
 *
 * <pre>{@code
 * Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(List.of("ls", "-l"),
 *         SubprocessOptions.defaults().withStdout(Stdio.PIPE)));
 * ProcessOutput out = Asyncio.await(p.communicate(null));
 * System.out.print(new String(out.stdout(), StandardCharsets.UTF_8));
 * int status = p.returncode();
 * }</pre>
 */
public interface Subprocess {
    /**
     * The process id.
     *
     * @return the pid
     */
    long pid();

    /**
     * The child's standard input, when it was started with {@link Stdio#PIPE}: {@link StreamWriter#write(byte[])},
     * then {@link StreamWriter#drain()}, then {@link StreamWriter#close()} to send end of file. Writing after the
     * child exited is ignored, and {@code drain()} then fails with {@link java.io.UncheckedIOException} (Python's
     * {@code BrokenPipeError} / {@code ConnectionResetError}).
     *
     * @return the writer, or {@code null} unless stdin is {@link Stdio#PIPE}
     */
    StreamWriter stdin();

    /**
     * The child's standard output (with its standard error too under {@link Stdio#STDOUT}), when it was started
     * with {@link Stdio#PIPE}. It reaches end of file once the child exited and its output was read.
     *
     * @return the reader, or {@code null} unless stdout is {@link Stdio#PIPE}
     */
    StreamReader stdout();

    /**
     * The child's standard error, when it was started with {@link Stdio#PIPE}.
     *
     * @return the reader, or {@code null} unless stderr is {@link Stdio#PIPE}
     */
    StreamReader stderr();

    /**
     * The exit status, once the loop learnt that the process exited (see the class comment for deaths by signal).
     *
     * @return the status, or {@code null} while it runs
     */
    Integer returncode();

    /**
     * Python's {@code wait()}: waits until the process exited and, as in CPython, its stdout and stderr pipes
     * reached end of file and its stdin pipe is closed; done at once when {@link #returncode()} is already known.
     * A child that fills a pipe nobody reads never exits: read its output, or use {@link #communicate(byte[])}.
     *
     * @return a Future of the exit status; cancelling it leaves the process alone
     */
    Future<Integer> waitFor();

    /**
     * Python's {@code communicate(input)}: writes {@code input} to stdin and closes it, reads stdout and stderr to
     * end of file — all three at once, so a child that writes a lot to both pipes while reading its input never
     * deadlocks — then waits for the process to exit. A child that exits without reading all of its input is not an
     * error (the broken pipe is ignored, as in Python).
     *
     * @param input the bytes for stdin, or {@code null} to write nothing; either way a piped stdin is closed once
     *        written (as in Python 3.12+), so the child sees end of file
     * @return a Future of what stdout and stderr produced ({@code null} for a stream that is not {@link Stdio#PIPE});
     *         cancelling it stops the reading and writing and leaves the process running
     * @throws IllegalArgumentException when {@code input} is given but stdin is not {@link Stdio#PIPE}
     */
    Future<ProcessOutput> communicate(byte[] input);

    /**
     * Asks the process to end: {@code SIGTERM} on Unix. Does nothing once it exited.
     */
    void terminate();

    /**
     * Ends the process at once: {@code SIGKILL} on Unix. Does nothing once it exited.
     */
    void kill();
}
