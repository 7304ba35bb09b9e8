package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tutorial 4 (coroutine efficiency and asyncio notes). */
class Tutorial4EfficiencyTest {
    private static final String TASK = "Task-\\d+";

    @Test
    void ioBoundWorkOverlapsWithCoroutinesAsWithThreads() throws Exception {
        ProgramRun run = ProgramRun.of("io-bound", 0.5)
                .printed("task 1 start", "task 1 end", "task 2 start", "task 2 end", "single thread: [0-9.]+s<note>",
                        "task 1 start", "task 2 start", "task 1 end", "task 2 end", "coroutines: [0-9.]+s<note>",
                        "task [12] start", "task [12] start", "task 1 end", "task 2 end", "threads: [0-9.]+s<note>")
                .tookAtLeast(3 + 2 + 2);
        double single = run.number("single thread:");
        double coroutines = run.number("coroutines:");
        double threads = run.number("threads:");
        // The overlap is proven by the order above (both tasks start before either ends, with coroutines and with
        // threads); the clock only bounds each part from below: 1 s + 2 s in turn, max(1 s, 2 s) overlapped.
        assertTrue(single >= 3 * 0.5 * 0.95, run.output());
        assertTrue(coroutines >= 2 * 0.5 * 0.95, run.output());
        assertTrue(threads >= 2 * 0.5 * 0.95, run.output());
    }

    @Test
    void bothTasksStartBeforeEitherEnds() throws Exception {
        ProgramRun.of("say-hello-wait", 0.5)
                .printed("Hello start 1 ", "Hello start 2 ", "Hello end 1", "Hello end 2")
                .tookAtLeast(1)
                .tookLessThan(2);
    }

    @Test
    void waitReturnsTasksAndGatherReturnsResultsInOrder() throws Exception {
        String finished = "<Task finished name='" + TASK + "' result=(1|4|27)>";
        ProgramRun run = ProgramRun.of("wait-vs-gather", 1)
                .printed("\\[" + finished + ", " + finished + ", " + finished + ", " + finished + "] \\[]",
                        "\\d+", "\\d+", "\\d+", "\\d+", "[1, 1, 4, 27]");
        assertEquals(List.of("1", "1", "27", "4"), run.sortedLines(1, 5));
    }
}
