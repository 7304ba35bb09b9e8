package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The examples jar's entry point.
 *
 * <ul>
 *   <li>no argument: the guided tour — the short versions of the tutorial programs, one after the other (about a
 *       minute in all); {@code tour --scale X} runs it X times as slow (or fast);</li>
 *   <li>{@code list}: every program with the tutorial section it comes from;</li>
 *   <li>{@code run NAME [--scale X]}: one program; {@code --scale 1} (the default) keeps the tutorial's timing,
 *       {@code --scale 0.1} runs ten times faster.</li>
 * </ul>
 */
public final class Tour {
    private Tour() {
    }

    /**
     * Runs the command line.
     *
     * @param args {@code list}, {@code run NAME [--scale X]}, or nothing
     * @throws Exception whatever the chosen program lets escape
     */
    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs a command line, printing to the given streams.
     *
     * @param args the command line
     * @param out  where programs and listings print
     * @param err  where usage errors go
     * @return the exit status: 0 on success, 1 when a tour stop failed, 2 on a usage error
     * @throws Exception whatever the chosen program lets escape
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            return tour(out, 1.0);
        }
        switch (args[0]) {
            case "tour":
                try {
                    return tour(out, Scale.parse(args));
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    return 2;
                }
            case "list":
                list(out);
                return 0;
            case "run":
                if (args.length < 2 || args[1].startsWith("--")) {
                    err.println("usage: run NAME [--scale X]   (see 'list' for the names)");
                    return 2;
                }
                Optional<Example> example = Examples.find(args[1]);
                if (example.isEmpty()) {
                    err.println("no program named '" + args[1] + "': 'list' shows the names");
                    return 2;
                }
                double scale;
                try {
                    scale = Scale.parse(args);
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    return 2;
                }
                example.get().program().run(out, scale);
                return 0;
            case "help":
            case "--help":
            case "-h":
                usage(out);
                return 0;
            default:
                err.println("unknown command '" + args[0] + "'");
                usage(err);
                return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar asyncio4j-examples.jar              the guided tour (about a minute)");
        out.println("       java -jar asyncio4j-examples.jar list         the programs and their tutorial sections");
        out.println("       java -jar asyncio4j-examples.jar tour --scale X   the tour, X times its own timing");
        out.println("       java -jar asyncio4j-examples.jar run NAME [--scale X]");
        out.println("                  X multiplies every tutorial duration: 1 = as in the tutorial, 0.1 = 10x faster");
    }

    private static void list(PrintStream out) {
        int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(10);
        String section = null;
        for (Example e : Examples.all()) {
            String tutorial = e.section().split(" › ")[0];
            if (!tutorial.equals(section)) {
                section = tutorial;
                out.println();
                out.println(tutorial);
            }
            out.printf("  %-" + width + "s  %s%n", e.name(), e.description());
            out.printf("  %-" + width + "s  (%s)%n", "", e.section());
        }
        out.println();
        out.println("run one with: java -jar asyncio4j-examples.jar run NAME [--scale X]");
    }

    private static int tour(PrintStream out, double factor) {
        List<Example> stops = Examples.all().stream().filter(Example::inTour).toList();
        out.println("asyncio4j: a guided tour of the asyncio tutorials, in Java and Kotlin.");
        out.println("Each stop runs a tutorial program at a shorter time scale; 'list' shows all "
                + Examples.all().size() + " programs.");
        int n = 0;
        int failed = 0;
        for (Example e : stops) {
            n++;
            double scale = e.tourScale() * factor;
            out.println();
            out.printf(Locale.ROOT, "=== %d/%d  %s  —  %s%n", n, stops.size(), e.name(), e.section());
            out.printf(Locale.ROOT, "    %s  (one tutorial second = %.2f s)%n", e.description(), scale);
            try {
                e.program().run(out, scale);
            } catch (Exception | AssertionError problem) {
                failed++;  // one broken stop should not end the tour
                out.println("!!! this stop failed: " + problem);
            }
        }
        out.println();
        out.println("That was the tour. 'java -jar asyncio4j-examples.jar run NAME --scale 1' replays any program "
                + "at the tutorial's own pace.");
        if (failed > 0) {
            out.println(failed + " stop(s) failed.");
            return 1;
        }
        return 0;
    }
}
