package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar {@code package} built, run as the README says ({@code java -jar asyncio4j-examples.jar ...}) by the
 * JVM that runs this test, in a child process: its manifest lets Java generators run as JDK continuations on JDK 21+,
 * and cpu-bound, tutorial 4's generator program, prints what it should and says which way its generator ran.
 */
class TourJarIT {
    /** The jar, from the build ({@code asyncio4j.examplesJar}), or where {@code package} writes it. */
    private static final Path JAR = Path.of(System.getProperty("asyncio4j.examplesJar",
            "target/asyncio4j-examples.jar"));

    /** What cpu-bound prints last when its generator's body ran on the calling thread. */
    private static final String CONTINUATION_LINE = "(the generator's body ran on this thread, as a JDK continuation: "
            + "each send() switches on one thread, as in Python)";

    @Test
    void theManifestStartsTheTourAndExportsTheJdkContinuations() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(Tour.class.getName(), main.getValue(Attributes.Name.MAIN_CLASS));
            assertEquals("java.base/jdk.internal.vm", main.getValue("Add-Exports"));
        }
    }

    @Test
    void cpuBoundComputesTheSumsAndItsGeneratorRunsAsAContinuationOnJdk21() throws Exception {
        JarRun run = JarRun.of("run", "cpu-bound", "--scale", "0.001");
        Example cpuBound = Examples.find("cpu-bound").orElseThrow();
        long n = 1000;   // scale 0.001 of a million
        String sum = String.valueOf(2 * ((n - 1) * n * (2 * n - 1) / 6));
        // On JDK 17 there are no continuations to export: the body runs on a thread of its own, as without the jar.
        String how = Runtime.version().feature() >= 21 ? Pattern.quote(CONTINUATION_LINE)
                : GeneratorProgramsTest.THREAD_CORE_LINE;
        assertLinesMatch(List.of(
                Pattern.quote("=== cpu-bound — " + cpuBound.section()),
                Pattern.quote("    notice: " + cpuBound.notice()),
                Pattern.quote("    pace:   --scale 0.001: 0.1% of the tutorial's amount of work (")
                        + "[^)]+" + Pattern.quote(")"),
                sum, "single thread: [0-9.]+s",
                sum, "threads: [0-9.]+s",
                sum, "coroutine: [0-9.]+s",
                how), run.lines(), run::describe);
        // The manifest's Add-Exports is no warning, on JDK 17 (where nothing uses it) nor on 21+.
        assertEquals("", run.err(), run::describe);
        assertEquals(0, run.status(), run::describe);
    }

    /** One {@code java -jar} of the examples jar: its exit status and what it printed. */
    private record JarRun(List<String> command, int status, List<String> lines, String err) {
        static JarRun of(String... args) throws IOException, InterruptedException {
            assertTrue(Files.isRegularFile(JAR), () -> JAR.toAbsolutePath() + " is missing: `mvn package` builds it");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow(
                    () -> new AssertionError("this JVM's java command is unknown")));
            command.addAll(List.of("-jar", JAR.toString()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile("tour-jar", ".out");
            Path err = Files.createTempFile("tour-jar", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                // The section titles are Chinese: let the child print UTF-8 on JDK 17 too, whatever this locale.
                builder.environment().put("LC_ALL", "C.UTF-8");
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not end in 5 minutes");
                }
                return new JarRun(command, process.exitValue(),
                        Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.delete(out);
                Files.delete(err);
            }
        }

        String describe() {
            return String.join(" ", command) + " exited with " + status + ", printed:\n" + String.join("\n", lines)
                    + "\nstderr:\n" + err;
        }
    }
}
