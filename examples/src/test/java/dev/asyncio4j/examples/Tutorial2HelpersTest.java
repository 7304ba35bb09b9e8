package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tutorial 2 ("十八、异步编程 asyncio"). */
class Tutorial2HelpersTest {
    private static final String TASK = "Task-\\d+";
    private static final String NOW = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

    @Test
    void helloPrintsHelloThenPythonASecondLater() throws Exception {
        ProgramRun.of("hello", 0.05).printed("hello", "python").tookAtLeast(1);
    }

    @Test
    void asyncioRunReturnsMainsResult() throws Exception {
        ProgramRun.of("run-main", 0.05).printed("hello").tookAtLeast(1);   // and nothing the tutorial does not print
    }

    @Test
    void awaitingCoroutinesInTurnTakesTheSumOfTheirSleeps() throws Exception {
        ProgramRun.of("say-after-sequential", 0.1).printed("hello", "world", "elapsed: [0-9.]+<note>").tookAtLeast(1 + 2);
    }

    @Test
    void tasksOverlapTheirSleeps() throws Exception {
        ProgramRun.of("say-after-tasks", 0.5)
                .printed("hello", "Python", "elapsed: [0-9.]+<note>")
                .tookAtLeast(2)
                .tookLessThan(1 + 2);
    }

    @Test
    void displayDatePrintsFiveTimesTimedByTheLoopClock() throws Exception {
        String date = NOW + "\\.\\d{6}<note>";
        ProgramRun run = ProgramRun.of("display-date", 0.1);
        // Once a second until loop.time() says less than a second is left: 5 lines, or fewer when the machine
        // stalled the loop for a while (the program trusts the loop's clock, not its count of sleeps).
        int lines = run.lines().size();
        assertTrue(lines >= 2 && lines <= 5, run::output);
        run.printed(java.util.Collections.nCopies(lines, date).toArray(String[]::new)).tookAtLeast(lines - 1);
    }

    @Test
    void waitCollectsFiveTasksThatStartTogetherAndEndOneASecondApart() throws Exception {
        ProgramRun run = ProgramRun.of("wait-five-funcs", 0.1);
        List<String> expected = new java.util.ArrayList<>();
        IntStream.range(0, 5).forEach(i -> expected.add("\\[" + NOW + "] running async function func-" + i));
        IntStream.range(0, 5).forEach(i -> expected.add("\\[" + NOW + "] function func-" + i + " finished"));
        IntStream.range(0, 5).forEach(i ->
                expected.add("\\[" + NOW + "] got result \\[\\[" + NOW + "] result of function func-\\d]"));
        run.printed(expected.toArray(String[]::new)).tookAtLeast(4).tookLessThan(0 + 1 + 2 + 3 + 4);
        List<String> results = run.lines().subList(10, 15).stream()
                .map(line -> line.substring(line.length() - 2, line.length() - 1)).sorted().toList();
        assertEquals(List.of("0", "1", "2", "3", "4"), results);
    }

    @Test
    void shieldKeepsTheWorkRunningWhenItsAwaiterIsCancelledOrTimesOut() throws Exception {
        ProgramRun.of("shield", 0.1)
                .printed("caller cancelled: true - something\\(\\) cancelled: false",
                        "something() finished its 2 s of work",
                        "res = something's result",
                        "timeout! - something\\(\\) cancelled: false",
                        "something() finished its 2 s of work",
                        "res = something's result")
                .tookAtLeast(4);
    }

    @Test
    void waitForGivesUpAfterOneSecond() throws Exception {
        ProgramRun.of("wait-for-timeout", 0.05).printed("timeout!").tookAtLeast(1).tookLessThan(60);
    }

    @Test
    void waitReturnsTheDoneSetAndAnEmptyPendingSet() throws Exception {
        String finished = "<Task finished name='" + TASK + "' result='test'>";
        ProgramRun.of("task-wait-sets", 0.2)   // both print 1111 before either prints 2222: they overlap
                .printed("1111", "1111", "2222", "2222", "\\[" + finished + ", " + finished + "]", "[]")
                .tookAtLeast(2);
    }

    @Test
    void toThreadRunsTheThreeBlockingJobsOnSeparateThreads() throws Exception {
        ProgramRun run = ProgramRun.of("to-thread", 0.1)
                .printed("thread id: .+", "thread id: .+", "thread id: .+",
                        "job done!", "job done!", "job done!", "elapsed \\(s\\): [0-9.]+<note>")
                .tookAtLeast(5 + 1)
                .tookLessThan(2 * (5 + 1));   // two jobs in a row would already take 12 s; three take 18
        assertEquals(3, run.lines().subList(0, 3).stream().distinct().count(), "three different threads");
    }
}
