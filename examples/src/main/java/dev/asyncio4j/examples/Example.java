package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the examples registry: a program, where it comes from in the tutorials, how long it takes, what the
 * reader should notice, and how fast the guided tour runs it.
 *
 * @param name      the name used by {@code run NAME}, for example {@code "say-after-tasks"}
 * @param section   the tutorial section the program is ported from
 * @param seconds   how long it takes at {@code --scale 1}: the tutorial's waits added up, or, for a program that
 *                  computes ({@code cpu}), a typical time on a 2-core machine
 * @param cpu       whether {@code seconds} is computing time (machine-dependent) rather than waiting
 * @param tourScale the time scale the guided tour uses, or {@code 0} when the tour skips the program
 * @param teaches   one line saying what the program teaches (shown by {@code list})
 * @param notice    one line saying what to notice in its output (shown before it runs)
 * @param factory   the program itself
 */
public record Example(String name, Tutorial.Section section, double seconds, boolean cpu, double tourScale,
                      String teaches, String notice, ProgramFactory factory) {
    /** Programs at least this long say so before {@code run} starts them. */
    public static final double LONG_SECONDS = 10;

    /** Validates the entry. */
    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(teaches, "teaches");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(factory, "factory");
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a program name is lower-case words joined by '-', got '" + name + "'");
        }
        if (!(seconds >= 0) || !(tourScale >= 0)) {
            throw new IllegalArgumentException("seconds and tourScale must be >= 0 (tourScale 0 = not in the tour), "
                    + "got " + seconds + " and " + tourScale);
        }
    }

    /** @return whether the guided tour runs this program */
    public boolean inTour() {
        return tourScale > 0;
    }

    /** @return whether {@code run} should warn that the program is long at {@code --scale 1} */
    public boolean isLong() {
        return seconds >= LONG_SECONDS;
    }

    /**
     * How long the program takes at a scale, for people: {@code "4 s"}, {@code "0.5 s"}, {@code "< 0.1 s"},
     * {@code "~20 s of CPU"}.
     *
     * @param scale the time scale (computing programs scale their amount of work)
     * @return the duration as text
     */
    public String duration(double scale) {
        double s = seconds * scale;
        String text = s < 0.1 ? "< 0.1 s" : s < 10 ? String.format(Locale.ROOT, "%.1f s", s).replace(".0 s", " s")
                : String.format(Locale.ROOT, "%.0f s", s);
        return cpu ? "~" + text + " CPU" : text;
    }

    /**
     * Runs the program to its end on the calling thread.
     *
     * @param out   where it prints
     * @param scale the time scale, {@code > 0}
     * @throws Exception whatever the program lets escape
     */
    public void run(PrintStream out, double scale) throws Exception {
        factory.create(out, scale).main();
    }
}
