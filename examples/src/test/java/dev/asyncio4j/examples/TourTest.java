package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jar's command line (picocli): list, run NAME, tour, help and usage errors; and the registry's integrity. */
class TourTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int tour(String... args) {
        return Tour.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsEveryProgramWithItsSectionDurationAndTourMark() {
        assertEquals(0, tour("list"));
        List<String> lines = List.of(out().split("\n"));
        for (Example e : Examples.all()) {
            String line = lines.stream().filter(l -> l.startsWith("  " + e.name() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + e.name() + ":\n" + out()));
            assertTrue(line.matches("  " + e.name() + " +" + java.util.regex.Pattern.quote(e.duration(1))
                    + " +" + (e.inTour() ? "tour" : "    ") + "  " + java.util.regex.Pattern.quote(e.teaches())),
                    line);
            assertTrue(lines.get(lines.indexOf(line) + 1).endsWith("  " + e.section()), e.name());
        }
        assertTrue(out().contains("T1 \"python协程和异步\" — Python coroutines and asynchrony (2018)"), out());
        assertTrue(out().contains("crawler-blocking              15 s        tour"), out());
        assertTrue(out().contains("cpu-bound                     ~20 s CPU   tour"), out());
    }

    @Test
    void runPrintsWhatToNoticeThenTheProgram() {
        assertEquals(0, tour("run", "hello", "--scale", "0.01"));
        assertEquals(List.of(
                "=== hello — T2 › 2.1 协程 (coroutines)",
                "    notice: python comes 1 s after hello",
                "    pace:   --scale 0.01: one tutorial second lasts 0.01 s, so < 0.1 s instead of 1 s",
                "hello",
                "python"), List.of(out().split("\n")));
    }

    @Test
    void runOfALongProgramSaysSoBeforeItStarts() {
        assertEquals(0, tour("run", "crawler-blocking", "--scale", "0.7"));   // 15 s x 0.7 = 10.5 s
        List<String> lines = List.of(out().split("\n"));
        assertEquals("    this takes 11 s at --scale 0.7; --scale 0.07 would take 1 s", lines.get(2));
        assertTrue(lines.get(3).startsWith("Waiting for "), out());
    }

    @Test
    void usageErrorsSayWhatToDoAndExitWith2() {
        assertEquals(2, tour("run", "no-such-program"));
        assertTrue(err().contains("no program named 'no-such-program': 'list' shows the names"), err());
        assertTrue(err().contains("Usage: java -jar asyncio4j-examples.jar run"), err());
        assertEquals(2, tour("run"));
        assertTrue(err().contains("Missing required parameter: 'NAME'"), err());
        assertEquals(2, tour("run", "hello", "--scale", "-1"));
        assertTrue(err().contains("must be a positive number (1 = the tutorial's pace"), err());
        assertEquals(2, tour("run", "hello", "--scale", "fast"));
        assertTrue(err().contains("wants a number such as 0.1, got 'fast'"), err());
        assertEquals(2, tour("tour", "--scale", "0"));
        assertEquals(2, tour("frobnicate"));
        assertTrue(err().contains("Unmatched argument at index 0: 'frobnicate'"), err());
        assertEquals("", out(), "nothing ran");
    }

    @Test
    void helpIsStandardAndPlainWhenNotATerminal() {
        assertEquals(0, tour("--help"));
        assertTrue(out().startsWith("Usage: java -jar asyncio4j-examples.jar [-h] [COMMAND]"), out());
        for (String command : List.of("list", "run", "tour")) {
            assertTrue(out().contains("\n  " + command + "  "), command + " in:\n" + out());
        }
        assertEquals(0, tour("run", "--help"));
        assertTrue(out().contains("--scale=X"), out());
        assertFalse(out().contains("\u001B"), "no ANSI escapes outside a terminal");
    }

    @Test
    void theTourVisitsEveryStopInOrderSayingWhatToNoticeAndThePace() {
        int status = tour("tour", "--scale", "0.05");
        String output = out();
        int at = 0;
        int n = 0;
        long stops = Examples.all().stream().filter(Example::inTour).count();
        for (Example e : Examples.all()) {
            if (e.inTour()) {
                n++;
                int from = at;
                String header = "=== " + n + "/" + stops + "  " + e.name() + " — " + e.section() + "\n"
                        + "    notice: " + e.notice() + "\n"
                        + "    pace:   ";
                int found = output.indexOf(header, from);
                assertTrue(found > from, () -> "no stop for " + e.name() + " after position " + from + ":\n" + output);
                at = found;
            }
        }
        assertFalse(output.contains("\u001B"), "no ANSI escapes outside a terminal");
        assertFalse(output.contains("!!! this stop failed"), output);
        assertEquals(0, status, output);
    }

    @Test
    void namesAreUniqueEverySectionHasEnglishAndTheTourCoversEveryTutorial() {
        Set<String> names = new HashSet<>();
        for (Example e : Examples.all()) {
            assertTrue(names.add(e.name()), "duplicate name " + e.name());
            assertFalse(e.section().english().isBlank(), e.name());
            assertFalse(e.notice().isBlank(), e.name());
        }
        for (Tutorial t : Tutorial.values()) {
            assertTrue(Examples.all().stream().anyMatch(e -> e.inTour() && e.section().tutorial() == t), t.name());
        }
    }

    @Test
    void aProgramsOwnMainAcceptsScaleAndHelp() {
        // Scale.main exits the JVM on a usage error, so its command is checked through picocli directly
        ByteArrayOutputStream programOut = new ByteArrayOutputStream();
        int status = new picocli.CommandLine(new Scale.OneProgram(dev.asyncio4j.examples.helpers.Hello::new,
                new PrintStream(programOut, true, StandardCharsets.UTF_8))).execute("--scale", "0.01");
        assertEquals(0, status);
        assertEquals("hello\npython\n", programOut.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
