package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Kotlin versions of the interop programs, and Java and Kotlin Tasks awaiting each other. */
class KotlinProgramsTest {
    private static final String URL = "http://127\\.0\\.0\\.1:\\d+/";

    @Test
    void kotlinTasksGatheredOverlap() throws Exception {
        ProgramRun.of("kt-say-after-gather", 0.5)
                .printed("started at \\d\\d:\\d\\d:\\d\\d", "hello zhangsan", "hello lisi",
                        "finished at \\d\\d:\\d\\d:\\d\\d<note>", "results: [hello zhangsan, hello lisi]")
                .tookAtLeast(2)
                .tookLessThan(1 + 2);
    }

    @Test
    void kotlinSuspendBlocksFromAnotherThreadOverlap() throws Exception {
        ProgramRun.of("kt-loop-in-thread-coroutines", 0.15)
                .printed("TIME: [0-9.]+<note>", "Waiting 6", "Waiting 4", "Done after 4s", "Done after 6s",
                        "Time: [0-9.]+<note>")
                .tookAtLeast(6)
                .tookLessThan(6 + 4);
    }

    @Test
    void kotlinLoopInThreadUsesTheBridgesRunCoroutineThreadsafe() throws Exception {
        String source = Files.readString(
                Path.of("src/main/kotlin/dev/asyncio4j/examples/kotlin/KtLoopInThreadCoroutines.kt"));
        assertFalse(source.contains("fun <T> EventLoop.runThreadsafe"), "no hand-written copy of the bridge's API");
        assertTrue(source.contains("newLoop.runCoroutineThreadsafe {"), source);
    }

    @Test
    void kotlinCrawlerOverlapsTheFiveRequests() throws Exception {
        String waiting = "Waiting for " + URL;
        String got = "Get response from " + URL + " Result: Hello!";
        ProgramRun.of("kt-crawler-async", 0.2)
                .printed(waiting, waiting, waiting, waiting, waiting, got, got, got, got, got,
                        "Cost time: [0-9.]+<note>")
                .tookAtLeast(3)
                .tookLessThan(0.6 * 5 * 3);
    }

    @Test
    void javaAndKotlinTasksAwaitEachOtherAndCancellationCrosses() throws Exception {
        ProgramRun.of("java-kotlin-await", 0.2)
                .printed("Java task: working for 1 s",
                        "Java task: done",
                        "Kotlin task: got \"hello from Java\" from the Java task",
                        "Java main: got the Kotlin answer to \"hello from Java\"",
                        "<Task finished name='java-task' result='hello from Java'>",
                        "<Task finished name='kotlin-task' result='the Kotlin answer to \"hello from Java\"'>",
                        "Java task: working for 60 s",
                        "Java main: cancelled the Kotlin task; the Java task it awaited is cancelled too: true",
                        "<Task cancelled name='kotlin-task'>")
                .tookAtLeast(1 + 1 + 0.5)     // the Kotlin Task's second starts only after the Java Task's ended
                .tookLessThan(60);            // the 60 s Java Task was cancelled, not awaited to its end
    }
}
