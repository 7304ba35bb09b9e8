package dev.asyncio4j;

/**
 * Where a child process's standard stream goes: Python's {@code subprocess.PIPE}, {@code DEVNULL}, {@code None}
 * (inherit) and {@code STDOUT}, for {@link SubprocessOptions}.
 */
public enum Stdio {
    /**
     * A pipe to this program: {@link Subprocess#stdin()} is a {@link StreamWriter}, {@link Subprocess#stdout()} and
     * {@link Subprocess#stderr()} are {@link StreamReader}s, pumped off the loop.
     */
    PIPE,
    /** The null device: the child reads end of file, and what it writes is discarded. */
    DEVNULL,
    /** The stream of this Java process (Python's {@code None}, the default). */
    INHERIT,
    /**
     * For stderr only: the child's standard error goes wherever its standard output goes (into the stdout pipe when
     * that is {@link #PIPE}). Refused for stdin and stdout.
     */
    STDOUT
}
