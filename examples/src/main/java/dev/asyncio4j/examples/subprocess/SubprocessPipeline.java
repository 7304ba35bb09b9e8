package dev.asyncio4j.examples.subprocess;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.ProcessOutput;
import dev.asyncio4j.Stdio;
import dev.asyncio4j.Subprocess;
import dev.asyncio4j.SubprocessOptions;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Beyond the tutorials: subprocesses, after CPython's "Subprocesses" docs. {@code ls | wc -l} twice — once by hand
 * (the output {@code communicate()} read from {@code ls} becomes the input {@code communicate()} writes to
 * {@code wc}), once through the shell — then the docs' {@code run(cmd)} on three shell commands at once.
 */
public final class SubprocessPipeline extends TutorialProgram {
    /** The files the program lists, in a directory of its own so the count is always the same. */
    static final List<String> FILES = List.of("events.py", "futures.py", "streams.py", "subprocess.py", "tasks.py");

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = one-second sleeps in the commands)
     */
    public SubprocessPipeline(PrintStream out, double scale) {
        super(out, scale);
    }

    /** {@code ls | wc -l} by hand: two programs, one's output the other's input. */
    void byHand(Path dir) {
        SubprocessOptions options = SubprocessOptions.defaults().withCwd(dir);
        Subprocess ls = Asyncio.await(Asyncio.createSubprocessExec(List.of("ls", "-1"),
                options.withStdout(Stdio.PIPE)));
        ProcessOutput listing = Asyncio.await(ls.communicate(null));
        Subprocess wc = Asyncio.await(Asyncio.createSubprocessExec(List.of("wc", "-l"),
                options.withStdin(Stdio.PIPE).withStdout(Stdio.PIPE)));
        ProcessOutput counted = Asyncio.await(wc.communicate(listing.stdout()));
        print("[ls -1 | wc -l, by hand]", text(counted.stdout()).trim(), "files; exit codes", ls.returncode(),
                wc.returncode());
    }

    /**
     * The docs' {@code run(cmd)}: a shell command, its exit code and both outputs, returned as text so the commands
     * run at once and print in order afterwards.
     */
    String run(String cmd, Path dir) {
        Subprocess proc = Asyncio.await(Asyncio.createSubprocessShell(cmd, SubprocessOptions.defaults().withCwd(dir)
                .withStdout(Stdio.PIPE).withStderr(Stdio.PIPE)));
        ProcessOutput output = Asyncio.await(proc.communicate(null));
        StringBuilder report = new StringBuilder("['" + cmd + "' exited with " + proc.returncode() + "]");
        if (output.stdout().length > 0) {
            report.append("\n[stdout]\n").append(text(output.stdout()).stripTrailing());
        }
        if (output.stderr().length > 0) {
            report.append("\n[stderr]\n").append(text(output.stderr()).stripTrailing());
        }
        return report.toString();
    }

    Void demo(Path dir) {
        byHand(dir);
        String sleep = "sleep " + String.format(Locale.ROOT, "%.3f", scaled(1)).replaceAll("\\.?0+$", "");
        List<String> commands = List.of("ls -1 | wc -l", sleep + "; echo hello", sleep + "; echo world >&2; exit 3");
        List<dev.asyncio4j.Future<String>> runs = new ArrayList<>();
        for (String cmd : commands) {
            runs.add(Asyncio.createTask(() -> run(cmd, dir)));
        }
        for (String report : Asyncio.await(Asyncio.gather(runs))) {
            print(report);
        }
        return null;
    }

    @Override
    public void main() throws IOException {
        Path dir = Files.createTempDirectory("asyncio4j-pipeline");
        try {
            for (String name : FILES) {
                Files.createFile(dir.resolve(name));
            }
            Asyncio.run(() -> demo(dir));
        } finally {
            for (String name : FILES) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, SubprocessPipeline::new);
    }
}
