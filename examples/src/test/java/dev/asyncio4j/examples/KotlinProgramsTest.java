package dev.asyncio4j.examples;

import org.junit.jupiter.api.Test;

/** The Kotlin versions of the interop programs. */
class KotlinProgramsTest {
    private static final String URL = "http://127\\.0\\.0\\.1:\\d+/";

    @Test
    void kotlinTasksGatheredOverlap() throws Exception {
        ProgramRun.of("kt-say-after-gather", 0.5)
                .printed("started at \\d\\d:\\d\\d:\\d\\d", "hello zhangsan", "hello lisi",
                        "finished at \\d\\d:\\d\\d:\\d\\d", "results: [hello zhangsan, hello lisi]")
                .tookAtLeast(2)
                .tookLessThan(1 + 2);
    }

    @Test
    void kotlinBlockingCallbacksFromAnotherThreadRunInTurn() throws Exception {
        ProgramRun.of("kt-loop-in-thread-callsoon", 0.05)
                .printed("TIME: [0-9.]+", "More work 6", "Finished more work 6", "More work 3",
                        "Finished more work 3", "Time: [0-9.]+")
                .tookAtLeast(6 + 3);
    }

    @Test
    void kotlinSuspendBlocksFromAnotherThreadOverlap() throws Exception {
        ProgramRun.of("kt-loop-in-thread-coroutines", 0.15)
                .printed("TIME: [0-9.]+", "Waiting 6", "Waiting 4", "Done after 4s", "Done after 6s",
                        "Time: [0-9.]+")
                .tookAtLeast(6)
                .tookLessThan(6 + 4);
    }

    @Test
    void kotlinCrawlerOverlapsTheFiveRequests() throws Exception {
        String waiting = "Waiting for " + URL;
        String got = "Get response from " + URL + " Result: Hello!";
        ProgramRun.of("kt-crawler-async", 0.2)
                .printed(waiting, waiting, waiting, waiting, waiting, got, got, got, got, got, "Cost time: [0-9.]+")
                .tookAtLeast(3)
                .tookLessThan(0.6 * 5 * 3);
    }
}
