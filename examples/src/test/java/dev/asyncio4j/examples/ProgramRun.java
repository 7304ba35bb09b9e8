package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One run of a registered program at a given scale: what it printed and how long it took. The assertion helpers
 * compare output with JUnit's {@code assertLinesMatch} (each expected line is a literal or a regex) and check elapsed
 * time against generous bounds derived from the concurrency the program teaches.
 */
record ProgramRun(String name, double scale, String output, List<String> lines, double elapsed) {

    /** Runs the registered program {@code name} at {@code scale}. */
    static ProgramRun of(String name, double scale) throws Exception {
        Example example = Examples.find(name).orElseThrow(() -> new AssertionError("no program named " + name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        example.program().run(out, scale);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String output = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(output.split("\r?\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return new ProgramRun(name, scale, output, List.copyOf(lines), elapsed);
    }

    /** Asserts the printed lines, in order; each expected line is a literal or a regular expression. */
    ProgramRun printed(String... expected) {
        assertLinesMatch(List.of(expected), lines, () -> name + " printed:\n" + output);
        return this;
    }

    /** Asserts the run took at least {@code tutorialSeconds} of the tutorial's time (a lower bound never flakes). */
    ProgramRun tookAtLeast(double tutorialSeconds) {
        double bound = tutorialSeconds * scale * 0.95;  // timers may round a hair early on a coarse clock
        assertTrue(elapsed >= bound, () -> String.format(Locale.ROOT,
                "%s took %.3f s, less than the %.3f s it must wait", name, elapsed, bound));
        return this;
    }

    /**
     * Asserts the run took less than {@code tutorialSeconds} of the tutorial's time: used with the time the work would
     * take if it did NOT overlap, so passing proves the overlap without demanding any particular speed.
     */
    ProgramRun tookLessThan(double tutorialSeconds) {
        double bound = tutorialSeconds * scale;
        assertTrue(elapsed < bound, () -> String.format(Locale.ROOT,
                "%s took %.3f s; without concurrency it would take %.3f s, so nothing overlapped", name, elapsed,
                bound));
        return this;
    }

    /** @return the printed lines from {@code from} (inclusive) to {@code to} (exclusive), sorted */
    List<String> sortedLines(int from, int to) {
        return lines.subList(from, to).stream().sorted().toList();
    }
}
