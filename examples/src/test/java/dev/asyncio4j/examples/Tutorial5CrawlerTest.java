package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.examples.crawler.CrawlerThousand;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tutorial 5 ("Python中的异步协程"): from the coroutine object to the crawler against a local 3-second server. */
class Tutorial5CrawlerTest {
    private static final String TASK = "Task-\\d+";
    private static final String URL = "http://127\\.0\\.0\\.1:\\d+/";
    private static final String RESPONSE = "\\(GET " + URL + "\\) 200";
    private static final String WAITING = "Waiting for " + URL;
    private static final String GOT = "Get response from " + URL + " Result: Hello!";

    @Test
    void makingACoroutineRunsNothingUntilTheLoopRunsIt() throws Exception {
        ProgramRun.of("execute-coroutine", 1)
                .printed("Coroutine: .+", "After calling execute", "Number: 1", "After calling loop");
    }

    @Test
    void aTaskIsPendingBeforeTheLoopAndFinishedWithItsResultAfter() throws Exception {
        ProgramRun.of("execute-task", 1)
                .printed("After calling execute", "Task: <Task pending name='" + TASK + "'>", "Number: 1",
                        "Task: <Task finished name='" + TASK + "' result=1>", "After calling loop");
    }

    @Test
    void aDoneCallbackPrintsTheResponse() throws Exception {
        ProgramRun.of("request-callback", 0.1)
                .printed("Task: <Task pending name='" + TASK + "'>", "Status: " + RESPONSE,
                        "Task: <Task finished name='" + TASK + "' result=" + RESPONSE + ">");
    }

    @Test
    void theResultIsReadAfterTheLoop() throws Exception {
        ProgramRun.of("request-result", 0.1)
                .printed("Task: <Task pending name='" + TASK + "'>",
                        "Task: <Task finished name='" + TASK + "' result=" + RESPONSE + ">",
                        "Task Result: " + RESPONSE);
    }

    @Test
    void fiveRequestTasksUnderWait() throws Exception {
        String pending = "<Task pending name='" + TASK + "'>";
        ProgramRun.of("request-five-tasks", 0.1)
                .printed("Tasks: \\[" + String.join(", ", Collections.nCopies(5, pending)) + "]",
                        "Task Result: " + RESPONSE, "Task Result: " + RESPONSE, "Task Result: " + RESPONSE,
                        "Task Result: " + RESPONSE, "Task Result: " + RESPONSE);
    }

    @Test
    void blockingRequestsRunOneAfterTheOther() throws Exception {
        ProgramRun.of("crawler-blocking", 0.05)
                .printed(WAITING, GOT, WAITING, GOT, WAITING, GOT, WAITING, GOT, WAITING, GOT, "Cost time: [0-9.]+")
                .tookAtLeast(5 * 3);
    }

    @Test
    void awaitingACoroutineThatBlocksIsStillSequential() throws Exception {
        ProgramRun.of("crawler-await-blocking", 0.05)
                .printed(WAITING, WAITING, WAITING, WAITING, WAITING, GOT, GOT, GOT, GOT, GOT, "Cost time: [0-9.]+")
                .tookAtLeast(5 * 3);
    }

    @Test
    void asynchronousRequestsOverlap() throws Exception {
        ProgramRun.of("crawler-async", 0.2)
                .printed(WAITING, WAITING, WAITING, WAITING, WAITING, GOT, GOT, GOT, GOT, GOT, "Cost time: [0-9.]+")
                .tookAtLeast(3)
                .tookLessThan(0.6 * 5 * 3);   // under 60% of the sequential 15 s
    }

    @Test
    void aThousandRequestsFinishInAboutOneRequestsTime() throws Exception {
        ProgramRun run = ProgramRun.of("crawler-thousand", 0.2)
                .printed("Crawling " + URL + " 1000 times; one request takes 0.600 s",
                        "(?s).*\\[#{40}] 1000/1000 100%",
                        "Responses: 1000 - all 'Hello!': true",
                        "Cost time: [0-9.]+")
                .tookAtLeast(3)
                .tookLessThan(50 * 3);   // sequential would be 1000 x 3 s: finishing within 50 requests' time proves the overlap
        List<String> frames = List.of(run.lines().get(1).split("\r"));
        assertTrue(frames.size() > 2, "the bar was redrawn as responses arrived");
        assertTrue(CrawlerThousand.REQUESTS == 1000);
    }
}
