package dev.asyncio4j;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keyword arguments of Python's {@code create_subprocess_exec} / {@code create_subprocess_shell}: where the
 * three standard streams go, the working directory, the environment and the buffer limit of the pipes' readers. An
 * immutable value built from {@link #defaults()} with {@code with...} methods.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * SubprocessOptions opts = SubprocessOptions.defaults()
 *         .withStdout(Stdio.PIPE)
 *         .withStderr(Stdio.STDOUT)          // 2>&1
 *         .withCwd(Path.of("/tmp"));
 * }</pre>
 */
public final class SubprocessOptions {
    private static final SubprocessOptions DEFAULTS = new SubprocessOptions(Stdio.INHERIT, Stdio.INHERIT,
            Stdio.INHERIT, null, null, StreamOptions.DEFAULT_LIMIT);

    private final Stdio stdin;
    private final Stdio stdout;
    private final Stdio stderr;
    private final Path cwd;
    private final Map<String, String> env;
    private final int limit;

    private SubprocessOptions(Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> env,
            int limit) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.cwd = cwd;
        this.env = env;
        this.limit = limit;
    }

    /**
     * All three streams {@link Stdio#INHERIT}ed, this process's working directory and environment, limit 64 KiB.
     *
     * @return the defaults
     */
    public static SubprocessOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Where the child's standard input comes from.
     *
     * @param stdin {@link Stdio#PIPE} (then write to {@link Subprocess#stdin()}), {@link Stdio#DEVNULL} or
     *        {@link Stdio#INHERIT}
     * @return a copy with it
     * @throws NullPointerException if {@code stdin} is null
     * @throws IllegalArgumentException for {@link Stdio#STDOUT}
     */
    public SubprocessOptions withStdin(Stdio stdin) {
        return new SubprocessOptions(check(stdin, "stdin"), stdout, stderr, cwd, env, limit);
    }

    /**
     * Where the child's standard output goes.
     *
     * @param stdout {@link Stdio#PIPE} (then read {@link Subprocess#stdout()}), {@link Stdio#DEVNULL} or
     *        {@link Stdio#INHERIT}
     * @return a copy with it
     * @throws NullPointerException if {@code stdout} is null
     * @throws IllegalArgumentException for {@link Stdio#STDOUT}
     */
    public SubprocessOptions withStdout(Stdio stdout) {
        return new SubprocessOptions(stdin, check(stdout, "stdout"), stderr, cwd, env, limit);
    }

    /**
     * Where the child's standard error goes.
     *
     * @param stderr {@link Stdio#PIPE}, {@link Stdio#DEVNULL}, {@link Stdio#INHERIT}, or {@link Stdio#STDOUT} to
     *        merge it into standard output ({@code 2>&1})
     * @return a copy with it
     * @throws NullPointerException if {@code stderr} is null
     */
    public SubprocessOptions withStderr(Stdio stderr) {
        Objects.requireNonNull(stderr, "stderr: pass Stdio.PIPE, DEVNULL, INHERIT or STDOUT");
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /**
     * The child's working directory (Python's {@code cwd}). A directory that does not exist makes the start fail
     * with {@link java.io.UncheckedIOException}, as a missing executable does.
     *
     * @param cwd the directory, relative to this process's working directory when relative
     * @return a copy with it
     * @throws NullPointerException if {@code cwd} is null (start from {@link #defaults()} to inherit it)
     * @throws IllegalArgumentException for a path of another file system than the default one (a zip, a jimfs)
     */
    public SubprocessOptions withCwd(Path cwd) {
        Objects.requireNonNull(cwd, "cwd: pass a directory; defaults() runs the child in this process's directory");
        if (cwd.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("cwd must be a path of the default file system, got " + cwd.toUri());
        }
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /**
     * The child's whole environment (Python's {@code env}): it replaces this process's environment instead of
     * adding to it. To add a variable, copy {@link System#getenv()} first.
     *
     * @param env the variables (copied, in their iteration order)
     * @return a copy with it
     * @throws NullPointerException if {@code env}, a name or a value is null
     * @throws IllegalArgumentException for a name holding {@code '='} or {@code '\0'}, or a value holding
     *         {@code '\0'} (Python's "illegal environment variable name" / "embedded null byte")
     */
    public SubprocessOptions withEnv(Map<String, String> env) {
        Objects.requireNonNull(env, "env: pass the whole environment, for example new HashMap<>(System.getenv())");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "env holds a null variable name");
            String value = Objects.requireNonNull(e.getValue(), () -> "env holds a null value for " + name
                    + ": leave the variable out to unset it");
            if (name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("illegal environment variable name: \"" + name
                        + "\" (a name cannot hold '=' or '\\0')");
            }
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("embedded null byte in the value of environment variable " + name);
            }
            copy.put(name, value);
        }
        return new SubprocessOptions(stdin, stdout, stderr, cwd, Collections.unmodifiableMap(copy), limit);
    }

    /**
     * The buffer limit of the {@link StreamReader}s of stdout and stderr (their {@code readLine}/{@code readUntil}
     * refuse longer lines; a pipe stops being read while twice this much is buffered).
     *
     * @param limit bytes, at least 1
     * @return a copy with it
     * @throws IllegalArgumentException when {@code limit <= 0}
     */
    public SubprocessOptions withLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: pass a positive number of bytes (default "
                    + StreamOptions.DEFAULT_LIMIT + ")");
        }
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }

    /**
     * Where standard input comes from.
     *
     * @return the choice; never {@link Stdio#STDOUT}
     */
    public Stdio stdin() {
        return stdin;
    }

    /**
     * Where standard output goes.
     *
     * @return the choice; never {@link Stdio#STDOUT}
     */
    public Stdio stdout() {
        return stdout;
    }

    /**
     * Where standard error goes.
     *
     * @return the choice
     */
    public Stdio stderr() {
        return stderr;
    }

    /**
     * The working directory.
     *
     * @return the directory, or {@code null} for this process's
     */
    public Path cwd() {
        return cwd;
    }

    /**
     * The environment.
     *
     * @return an unmodifiable map, or {@code null} to inherit this process's environment
     */
    public Map<String, String> env() {
        return env;
    }

    /**
     * The buffer limit of the pipes' readers.
     *
     * @return bytes
     */
    public int limit() {
        return limit;
    }

    private static Stdio check(Stdio choice, String stream) {
        Objects.requireNonNull(choice, () -> stream + ": pass Stdio.PIPE, DEVNULL or INHERIT");
        if (choice == Stdio.STDOUT) {
            throw new IllegalArgumentException("Stdio.STDOUT is only for stderr (it merges stderr into stdout); "
                    + "pass PIPE, DEVNULL or INHERIT for " + stream);
        }
        return choice;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubprocessOptions other && stdin == other.stdin && stdout == other.stdout
                && stderr == other.stderr && Objects.equals(cwd, other.cwd) && Objects.equals(env, other.env)
                && limit == other.limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stdin, stdout, stderr, cwd, env, limit);
    }

    @Override
    public String toString() {
        return "SubprocessOptions[stdin=" + stdin + ", stdout=" + stdout + ", stderr=" + stderr
                + (cwd != null ? ", cwd=" + cwd : "") + (env != null ? ", env=" + env.size() + " variables" : "")
                + ", limit=" + limit + "]";
    }
}
