package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The examples jar's command line ({@code java -jar asyncio4j-examples.jar ...}):
 *
 * <ul>
 *   <li>no command, or {@code tour [--scale X]}: the guided tour — short versions of the tutorial programs, one after
 *       the other, each introduced by what to notice;</li>
 *   <li>{@code list}: every program, its tutorial section, how long it takes at {@code --scale 1}, and whether the
 *       tour runs it;</li>
 *   <li>{@code run NAME [--scale X]}: one program; {@code --scale 1} (the default) keeps the tutorial's pace;</li>
 *   <li>{@code --help} on any of them.</li>
 * </ul>
 *
 * <p>Usage errors exit with status 2 and say what to do; a failed tour stop makes the tour exit with 1.
 */
@Command(name = "java -jar asyncio4j-examples.jar",
        description = "The programs of five asyncio tutorials, in Java and Kotlin. Without a command: the guided tour.")
public final class Tour implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    private Tour(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the command line on {@code System.out} and exits with its status when it is not 0.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs a command line, printing to the given streams.
     *
     * @param args the command line
     * @param out  where programs, listings and help print
     * @param err  where usage errors go
     * @return the exit status: 0 on success, 1 when a tour stop or a program failed, 2 on a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Tour(out));
        boolean terminal = out == System.out && Terminal.stdoutIsTerminal();
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(terminal ? Ansi.ON : Ansi.OFF));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** No command: the tour at its own pace. */
    @Override
    public Integer call() throws Exception {
        return tour(1.0);
    }

    @Command(name = "tour",
            description = "The guided tour: most tutorial sections, each program at a shorter time scale (about 40 s).")
    int tour(@Option(names = "--scale", paramLabel = "X", defaultValue = "1", converter = Scale.class,
            description = "multiplies every stop's own scale: 2 = twice as slow (default: ${DEFAULT-VALUE})")
             double factor) throws Exception {
        List<Example> stops = Examples.all().stream().filter(Example::inTour).toList();
        out.println("asyncio4j: a guided tour of the asyncio tutorials, in Java and Kotlin.");
        out.println("Each stop runs one tutorial program, most of them faster than the tutorial: the pace is on each");
        out.println("stop's third line, and every time a program prints says it too. 'list' shows all "
                + Examples.all().size() + " programs.");
        Warmup.runtime();
        long start = System.nanoTime();
        int n = 0;
        int failed = 0;
        for (Example e : stops) {
            n++;
            double scale = e.tourScale() * factor;
            out.println();
            out.printf(Locale.ROOT, "=== %d/%d  %s — %s%n", n, stops.size(), e.name(), e.section());
            out.println("    notice: " + e.notice());
            out.println("    pace:   " + pace(e, scale));
            try {
                e.run(out, scale);
            } catch (Exception | AssertionError problem) {
                failed++;  // one broken stop should not end the tour
                out.println("!!! this stop failed: " + problem);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "That was the tour: %d stops in %.0f s. 'run NAME' replays any program at the "
                + "tutorial's own pace; 'list' shows them all.%n", stops.size(), (System.nanoTime() - start) / 1e9);
        if (failed > 0) {
            out.println(failed + " stop(s) failed.");
            return 1;
        }
        return 0;
    }

    private static String pace(Example e, double scale) {
        if (e.cpu()) {
            return String.format(Locale.ROOT, "--scale %s: %s of the tutorial's amount of work (%s)",
                    Scale.format(scale), percent(scale), e.duration(scale));
        }
        if (scale == 1.0) {
            return "the tutorial's own (--scale 1), " + e.duration(1);
        }
        return String.format(Locale.ROOT, "--scale %s: one tutorial second lasts %s s, so %s instead of %s",
                Scale.format(scale), Scale.format(scale), e.duration(scale), e.duration(1));
    }

    private static String percent(double scale) {
        return Scale.format(scale * 100) + "%";
    }

    @Command(name = "list", description = "Every program: its tutorial section, how long it takes at --scale 1, "
            + "whether the tour runs it, and what it teaches.")
    int list() {
        int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(10);
        Tutorial tutorial = null;
        for (Example e : Examples.all()) {
            if (e.section().tutorial() != tutorial) {
                tutorial = e.section().tutorial();
                out.println();
                out.println(tutorial.title());
            }
            out.printf(Locale.ROOT, "  %-" + width + "s  %-11s %-4s  %s%n", e.name(), e.duration(1),
                    e.inTour() ? "tour" : "", e.teaches());
            out.printf(Locale.ROOT, "  %-" + width + "s  %-11s %-4s  %s%n", "", "", "", e.section());
        }
        out.println();
        out.println("Durations are at --scale 1, the tutorial's pace (~ CPU: computing time, depends on the machine);");
        out.println("'tour' marks the programs the guided tour runs.");
        out.println("Run one with: java -jar asyncio4j-examples.jar run NAME [--scale X]");
        return 0;
    }

    @Command(name = "run", description = "Runs one program ('list' shows the names), introduced by what to notice.")
    int run(@Parameters(paramLabel = "NAME", description = "the program, as 'list' names it") String name,
            @Option(names = "--scale", paramLabel = "X", defaultValue = "1", converter = Scale.class,
                    description = Scale.HELP) double scale) throws Exception {
        Optional<Example> found = Examples.find(name);
        if (found.isEmpty()) {
            throw new ParameterException(spec.subcommands().get("run"),
                    "no program named '" + name + "': 'list' shows the names");
        }
        Example e = found.get();
        out.println("=== " + e.name() + " — " + e.section());
        out.println("    notice: " + e.notice());
        if (e.seconds() * scale >= Example.LONG_SECONDS) {
            out.printf(Locale.ROOT, "    this takes %s at --scale %s; --scale %s would take %s%n", e.duration(scale),
                    Scale.format(scale), Scale.format(scale / 10), e.duration(scale / 10));
        } else if (scale != 1.0) {
            out.println("    pace:   " + pace(e, scale));
        }
        Warmup.runtime();
        e.run(out, scale);
        return 0;
    }
}
