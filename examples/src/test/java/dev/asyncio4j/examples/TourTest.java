package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jar's command line: list, run NAME, usage errors; and the registry's integrity. */
class TourTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int tour(String... args) throws Exception {
        return Tour.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void listShowsEveryProgramWithItsSection() throws Exception {
        assertEquals(0, tour("list"));
        String listing = out.toString(StandardCharsets.UTF_8);
        for (Example e : Examples.all()) {
            assertTrue(listing.contains(e.name()), e.name());
            assertTrue(listing.contains(e.section()), e.section());
        }
    }

    @Test
    void runRunsOneProgramAtTheGivenScale() throws Exception {
        assertEquals(0, tour("run", "hello", "--scale", "0.01"));
        assertEquals("hello\npython\n", out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void theTourVisitsEveryStopInOrder() throws Exception {
        int status = tour("tour", "--scale", "0.05");
        String output = out.toString(StandardCharsets.UTF_8);
        int at = 0;
        for (Example e : Examples.all()) {
            if (e.inTour()) {
                int from = at;
                int header = output.indexOf("  " + e.name() + "  —  " + e.section(), from);
                assertTrue(header > from, () -> "no stop for " + e.name() + " after position " + from + ":\n" + output);
                at = header;
            }
        }
        assertEquals(0, status, output);
    }

    @Test
    void usageErrorsSayWhatToDo() throws Exception {
        assertEquals(2, tour("run", "no-such-program"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'list' shows the names"));
        assertEquals(2, tour("run"));
        assertEquals(2, tour("run", "hello", "--scale", "-1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--scale must be a positive number"));
        assertEquals(2, tour("frobnicate"));
    }

    @Test
    void namesAreUniqueAndTheTourIsAboutAMinute() {
        Set<String> names = new HashSet<>();
        for (Example e : Examples.all()) {
            assertTrue(names.add(e.name()), "duplicate name " + e.name());
            assertTrue(e.name().matches("[a-z0-9-]+"), "command-line friendly name: " + e.name());
        }
        assertTrue(Examples.all().stream().filter(Example::inTour).count() >= 15, "the tour visits most sections");
    }

    @Test
    void scaleOptionIsParsedBothWays() {
        assertEquals(1.0, Scale.parse(new String[0]));
        assertEquals(0.5, Scale.parse(new String[] {"--scale", "0.5"}));
        assertEquals(0.25, Scale.parse(new String[] {"--scale=0.25"}));
    }
}
