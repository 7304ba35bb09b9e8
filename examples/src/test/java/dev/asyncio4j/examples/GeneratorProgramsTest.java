package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator programs (tutorials 1 and 4): send / next / close / throw, and the CPU-bound comparison. */
class GeneratorProgramsTest {
    @Test
    void aProducerFeedsTwoConsumersInStrictTurns() throws Exception {
        String[] expected = new String[4 + 5 * 5];
        int i = 0;
        expected[i++] = "about to start gnawing bones...";
        expected[i++] = "[consumer] consumer A ";
        expected[i++] = "about to start gnawing bones...";
        expected[i++] = "[consumer] consumer B ";
        for (int bone = 1; bone <= 5; bone++) {
            expected[i++] = "[producer] producing bone " + bone;
            expected[i++] = "[consumer A] is gnawing bone " + bone;
            expected[i++] = "[consumer] consumer A ";
            expected[i++] = "[consumer B] is gnawing bone " + bone;
            expected[i++] = "[consumer] consumer B ";
        }
        // the tutorial's ANSI colours go to terminals only: this output is a buffer, so it must hold no escape
        ProgramRun run = ProgramRun.of("generator-bones", 1).printed(expected);
        assertFalse(run.output().contains("\u001B"), run.output());
    }

    @Test
    void withQueuesEachConsumerGnawsEveryBoneInOrderAfterItWasProduced() throws Exception {
        ProgramRun run = ProgramRun.of("queue-bones", 1);
        java.util.List<String> lines = run.lines();
        for (String consumer : java.util.List.of("consumer A", "consumer B")) {
            java.util.List<String> gnawed = lines.stream().filter(l -> l.startsWith("[" + consumer + "] is gnawing"))
                    .toList();
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 5)
                    .mapToObj(b -> "[" + consumer + "] is gnawing bone " + b).toList(), gnawed, run.output());
            for (int bone = 1; bone <= 5; bone++) {
                int produced = lines.indexOf("[producer] producing bone " + bone);
                int eaten = lines.indexOf("[" + consumer + "] is gnawing bone " + bone);
                assertTrue(produced >= 0 && produced < eaten, run.output());
            }
        }
        assertEquals("both consumers stopped", lines.get(lines.size() - 1), run.output());
    }

    @Test
    void aGeneratorResumesRightAfterItsYield() throws Exception {
        ProgramRun.of("generator-order", 1)
                .printed("before yield", "0", "==========", "after yield", "before yield", "1");
    }

    @Test
    void statesGoFromCreatedThroughRunningAndSuspendedToClosed() throws Exception {
        ProgramRun.of("generator-states", 1)
                .printed("GEN_CREATED (GeneratorState.CREATED)", "inside the body: GEN_RUNNING (GeneratorState.RUNNING)",
                        "0", "GEN_SUSPENDED (GeneratorState.SUSPENDED)", "GEN_CLOSED (GeneratorState.CLOSED)");
    }

    @Test
    void sendGivesTheYieldExpressionItsValue() throws Exception {
        ProgramRun.of("generator-send", 1).printed("0", "4",
                "StopIteration: n became 12, the loop ended and the generator returned", "----------", "0", "4", "8");
    }

    @Test
    void sendingToAClosedGeneratorRaisesStopIteration() throws Exception {
        ProgramRun.of("generator-close", 1)
                .printed("0", "4", "Exception in thread \"main\" dev.asyncio4j.StopIteration: the generator has finished",
                        "\tat dev\\.asyncio4j\\.examples\\.generators\\.GeneratorClose\\.main\\(GeneratorClose\\.java:\\d+\\)");
    }

    @Test
    void throwRaisesAtThePausedYield() throws Exception {
        ProgramRun.of("generator-throw", 1).printed("0", "4", "ValueError", "the generator ended: CLOSED");
    }

    /**
     * What cpu-bound says last when the generator's body ran on a thread of its own, as in this module's tests: they
     * run without {@code --add-exports java.base/jdk.internal.vm} (the jar's manifest case is TourJarIT's).
     */
    static final String THREAD_CORE_LINE = java.util.regex.Pattern.quote("(the generator's body ran on a thread of "
            + "its own: each send() is two thread hand-offs; on JDK 21+ this jar's Add-Exports, or --add-exports "
            + "java.base/jdk.internal.vm, runs it on this thread)");

    @Test
    void theThreeWaysComputeTheSameSum() throws Exception {
        long n = 1000;   // scale 0.001 of a million
        long expected = 2 * ((n - 1) * n * (2 * n - 1) / 6);
        ProgramRun run = ProgramRun.of("cpu-bound", 0.001)
                .printed(String.valueOf(expected), "single thread: [0-9.]+s",
                        String.valueOf(expected), "threads: [0-9.]+s",
                        String.valueOf(expected), "coroutine: [0-9.]+s", THREAD_CORE_LINE);
        assertEquals(7, run.lines().size());
    }
}
