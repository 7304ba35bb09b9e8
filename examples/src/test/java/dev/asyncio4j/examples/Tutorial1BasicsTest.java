package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tutorial 1 ("python协程和异步"): each program's output in order, and its timing against the concurrency taught. */
class Tutorial1BasicsTest {
    private static final String TASK = "Task-\\d+";

    @Test
    void defineCoroutineRunsTheCoroutineOnTheLoop() throws Exception {
        ProgramRun.of("define-coroutine", 0.05)
                .printed("add result:  3", "time:  [0-9.]+<note>")
                .tookAtLeast(1);
    }

    @Test
    void taskResultShowsAPendingTaskThenItsResult() throws Exception {
        ProgramRun.of("task-result", 0.05)
                .printed("<Task pending name='" + TASK + "'>", "add result:  3", "3", "time:  [0-9.]+<note>");
    }

    @Test
    void doneCallbackReadsTheResultOnTheSameLoop() throws Exception {
        ProgramRun.of("done-callback", 0.05)
                .printed("id diff:  (\\d+) \\1 true", "<Task pending name='" + TASK + "'>", "add result:  3",
                        "callback: 3", "time:  [0-9.]+<note>");
    }

    @Test
    void awaitingACoroutineThatNeverSuspendsRunsEachHelloToItsEnd() throws Exception {
        String hello = "Hello world:  time= [0-9.]+";
        String result = "async result: 4 time:  [0-9.]+";
        ProgramRun.of("await-blocking", 0.05)
                .printed(hello, result, hello, result, hello, result, hello, result);
    }

    @Test
    void nestedWaitOverlapsTheThreeTasks() throws Exception {
        ProgramRun run = ProgramRun.of("nested-wait", 0.2)
                .printed("waiting: 1", "waiting: 2", "waiting: 4", ">> results >>", "Time: [0-9.]+<note>")
                .tookAtLeast(4)
                .tookLessThan(1 + 2 + 4);
        assertEquals(List.of("Task ret: Done after 1s", "Task ret: Done after 2s", "Task ret: Done after 4s"),
                run.sortedLines(3, 6));
    }

    @Test
    void nestedGatherReturnsTheResultsInArgumentOrder() throws Exception {
        ProgramRun.of("nested-gather", 0.2)
                .printed("waiting: 1", "waiting: 2", "waiting: 4",
                        "Task ret: Done after 1s", "Task ret: Done after 2s", "Task ret: Done after 4s",
                        "Time: [0-9.]+<note>")
                .tookAtLeast(4)
                .tookLessThan(1 + 2 + 4);
    }

    @Test
    void nestedWaitReturnedHandsDoneAndPendingToTheCaller() throws Exception {
        ProgramRun run = ProgramRun.of("nested-wait-returned", 0.2)
                .printed("waiting: 1", "waiting: 2", "waiting: 4", ">> results >>", "Time: [0-9.]+<note>")
                .tookAtLeast(4)
                .tookLessThan(1 + 2 + 4);
        assertEquals(List.of("Task ret: Done after 1s", "Task ret: Done after 2s", "Task ret: Done after 4s"),
                run.sortedLines(3, 6));
    }

    @Test
    void asCompletedHandsOutResultsAsTheyFinish() throws Exception {
        ProgramRun.of("as-completed", 0.2)
                .printed("waiting: 1", "waiting: 2", "waiting: 4",
                        "Task ret: Done after 1s", "Task ret: Done after 2s", "Task ret: Done after 4s",
                        "Time: [0-9.]+<note>")
                .tookAtLeast(4)
                .tookLessThan(1 + 2 + 4);
    }

    @Test
    void ctrlCCancelsEveryPendingTask() throws Exception {
        String pending = "<Task pending name='" + TASK + "'>";
        ProgramRun.of("cancel-on-ctrl-c", 1.0)
                .printed("Waiting: 1", "Waiting: 2", "Waiting: 2",
                        "\\^C  \\(simulated: the program sent itself SIGINT, the signal Ctrl\\+C in a terminal sends\\)",
                        "\\[" + pending + ", " + pending + ", " + pending + "]",
                        "true", "true", "true",
                        "Time: [0-9.]+<note>",
                        "\\[<Task finished name='" + TASK + "' result='Done after 1s'>, <Task cancelled name='" + TASK
                                + "'>, <Task cancelled name='" + TASK + "'>]")
                .tookAtLeast(1.5)
                .tookLessThan(2);
    }

    @Test
    void blockingCallbacksFedFromAnotherThreadRunOneAfterTheOther() throws Exception {
        ProgramRun.of("loop-in-thread-callsoon", 0.05)
                .printed("TIME: [0-9.]+<note>", "More work 6", "Finished more work 6", "More work 3",
                        "Finished more work 3", "Time: [0-9.]+<note>")
                .tookAtLeast(6 + 3);
    }

    @Test
    void coroutinesFedFromAnotherThreadOverlap() throws Exception {
        ProgramRun.of("loop-in-thread-coroutines", 0.15)
                .printed("TIME: [0-9.]+<note>", "Waiting 6", "Waiting 4", "Done after 4s", "Done after 6s",
                        "Time: [0-9.]+<note>")
                .tookAtLeast(6)
                .tookLessThan(6 + 4);
    }
}
