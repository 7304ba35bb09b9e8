package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One run of a registered program at a given scale: what it printed and how long it took. The assertion helpers
 * compare output with JUnit's {@code assertLinesMatch} (each expected line is a literal or a regex) and check elapsed
 * time against generous bounds derived from the concurrency the program teaches.
 */
record ProgramRun(String name, double scale, String output, List<String> lines, double elapsed) {

    /** Runs the registered program {@code name} at {@code scale}. */
    static ProgramRun of(String name, double scale) throws Exception {
        Example example = Examples.find(name).orElseThrow(() -> new AssertionError("no program named " + name));
        Warmup.runtime();   // as the launcher does: class loading is not the program's time
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        example.run(out, scale);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String output = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(output.split("\r?\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return new ProgramRun(name, scale, output, List.copyOf(lines), elapsed);
    }

    /**
     * Asserts the printed lines, in order; each expected line is a literal or a regular expression, in which
     * {@code <note>} stands for the scale note a program adds to a printed time (nothing at scale 1).
     */
    ProgramRun printed(String... expected) {
        String note = Pattern.quote(scaleNote(scale));
        List<String> patterns = Arrays.stream(expected).map(line -> line.replace("<note>", note)).toList();
        assertLinesMatch(patterns, lines, () -> name + " printed:\n" + output);
        return this;
    }

    /** What {@code TutorialProgram.scaleNote()} appends at this scale: the reader is told the scale beside a time. */
    static String scaleNote(double scale) {
        return scale == 1.0 ? "" : " (--scale " + Scale.format(scale) + ": one tutorial second lasts "
                + Scale.format(scale) + " s)";
    }

    /** @return the number printed after {@code prefix} on the first line that starts with it */
    double number(String prefix) {
        String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " printed no line starting with '" + prefix + "':\n"
                        + output));
        java.util.regex.Matcher m = Pattern.compile("[0-9]+(\\.[0-9]+)?").matcher(line.substring(prefix.length()));
        if (!m.find()) {
            throw new AssertionError("no number after '" + prefix + "' in: " + line);
        }
        return Double.parseDouble(m.group());
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
