package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.examples.crawler.CrawlerThousand;
import java.util.ArrayList;
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
                .printed("Coroutine: <coroutine object execute at 0x[0-9a-f]+>", "After calling execute", "Number: 1",
                        "After calling loop");
    }

    @Test
    void aTaskIsPendingBeforeTheLoopAndFinishedWithItsResultAfter() throws Exception {
        ProgramRun.of("execute-task", 1)
                .printed("Coroutine: <coroutine object execute at 0x[0-9a-f]+>", "After calling execute",
                        "Task: <Task pending name='" + TASK + "'>", "Number: 1",
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
                .printed(WAITING, GOT, WAITING, GOT, WAITING, GOT, WAITING, GOT, WAITING, GOT, "Cost time: [0-9.]+<note>")
                .tookAtLeast(5 * 3);
    }

    @Test
    void awaitingACoroutineThatBlocksIsStillSequential() throws Exception {
        ProgramRun.of("crawler-await-blocking", 0.05)   // exactly as without await: each wait ends before the next
                .printed(WAITING, GOT, WAITING, GOT, WAITING, GOT, WAITING, GOT, WAITING, GOT, "Cost time: [0-9.]+<note>")
                .tookAtLeast(5 * 3);
    }

    @Test
    void asynchronousRequestsOverlap() throws Exception {
        ProgramRun.of("crawler-async", 0.2)
                .printed(WAITING, WAITING, WAITING, WAITING, WAITING, GOT, GOT, GOT, GOT, GOT, "Cost time: [0-9.]+<note>")
                .tookAtLeast(3)
                .tookLessThan(0.6 * 5 * 3);   // under 60% of the sequential 15 s
    }

    @Test
    void aThousandRequestsWaitAtOnceSoTheCrawlTakesOneWaitPlusTheSending() throws Exception {
        ProgramRun run = ProgramRun.of("crawler-thousand", 1);
        List<String> expected = new ArrayList<>(List.of(
                "Crawling " + URL + " 1000 times; the server answers each request after 3 s",
                "Crawling +0% \\[ +] +0/1000 .*",
                "Crawling 100% \\[=+] 1000/1000 .*",
                "Responses: 1000 - all 'Hello!': true",
                "Requests the server held at once, at most: \\d+ \\(one after the other: 1\\)",
                "The last request reached the server after: [0-9.]+",
                "Cost time: [0-9.]+"));
        // Intermediate progress lines come only when the answers do not all arrive in one burst (on an idle machine
        // they do: the server answers all 1,000 after the same 3 s); JUnit's ">>" marker needs at least one line.
        if (run.lines().size() > expected.size()) {
            expected.add(2, ">> progress >>");
        }
        run.printed(expected.toArray(String[]::new));
        // The claim, proven by order rather than by the clock: had the requests waited one after the other, the
        // server would never hold more than one; it holds them all at once (1,000 whenever sending takes less than
        // the 3 s wait), and at least 100 even when sending crawls on a loaded machine. No upper bound on the wall
        // clock: at load 15 reading the 1,000 answers alone took 8 s, which measures the machine, not the overlap.
        assertTrue(run.number("Requests the server held at once, at most:") >= 100, run.output());
        double arrived = run.number("The last request reached the server after:");
        double cost = run.number("Cost time:");
        assertTrue(cost >= 3 * 0.95 && cost >= arrived + 3 * 0.95,
                () -> "the last request waits its 3 s too:\n" + run.output());
        assertFalse(run.output().contains("\r") || run.output().contains("\u001B"), "a log gets plain lines");
        assertEquals(1000, CrawlerThousand.REQUESTS);
    }
}
