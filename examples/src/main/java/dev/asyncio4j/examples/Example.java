package dev.asyncio4j.examples;

import java.util.Objects;

/**
 * One entry of the examples registry: a program, where it comes from in the tutorials, and how fast the guided tour
 * runs it.
 *
 * @param name        the name used by {@code run NAME}, for example {@code "say-after-tasks"}
 * @param section     the tutorial and section the program is ported from
 * @param description one line saying what the program teaches
 * @param tourScale   the time scale the guided tour uses, or {@code 0} when the tour skips the program
 * @param program     the program itself
 */
public record Example(String name, String section, String description, double tourScale, Program program) {
    /** Validates the entry. */
    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(program, "program");
        if (tourScale < 0 || Double.isNaN(tourScale)) {
            throw new IllegalArgumentException("tourScale must be >= 0 (0 = not in the tour), got " + tourScale);
        }
    }

    /** @return whether the guided tour runs this program */
    public boolean inTour() {
        return tourScale > 0;
    }
}
