package dev.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tutorial 3 ("python中的coroutine"). */
class Tutorial3AwaitablesTest {
    @Test
    void awaitingTwoCoroutinesInTurnIsSequential() throws Exception {
        ProgramRun.of("say-after-await", 0.2)
                .printed("started at \\d\\d:\\d\\d:\\d\\d", "hello zhangsan", "hello lisi",
                        "finished at \\d\\d:\\d\\d:\\d\\d<note>")
                .tookAtLeast(1 + 2);
    }

    @Test
    void theNeverAwaitedMistakesAndWhatTheSdkReports() throws Exception {
        ProgramRun.of("never-awaited", 1)
                .printed("1. print(say_hello())",
                        "<coroutine object say_hello at 0x[0-9a-f]+>",        // and no "Hello": it never ran
                        "2. a Task the loop never ran",
                        "Task was destroyed but it is pending!",
                        "future: <Task pending name='Task-\\d+'>",
                        "3. a Task that failed, never awaited",
                        "main: done",
                        "Task exception was never retrieved",
                        "future: <Task finished name='Task-\\d+' exception=java.lang.IllegalStateException: object "
                                + "Response can't be used in 'await' expression>",
                        "exception: java.lang.IllegalStateException: object Response can't be used in 'await' "
                                + "expression");
    }

    @Test
    void gatherWaitsForBothTasksThatRunConcurrently() throws Exception {
        ProgramRun.of("say-after-gather", 0.5)
                .printed("started at \\d\\d:\\d\\d:\\d\\d", "hello zhangsan", "hello lisi",
                        "finished at \\d\\d:\\d\\d:\\d\\d<note>")
                .tookAtLeast(2)
                .tookLessThan(1 + 2);
    }

    @Test
    void blockingWorkOnAPoolNeverStopsTheTicks() throws Exception {
        ProgramRun run = ProgramRun.of("run-in-executor", 0.1).tookAtLeast(10);
        List<String> lines = run.lines();
        List<String> ticks = lines.stream().filter(l -> l.startsWith("another_task working ")).toList();
        assertTrue(ticks.equals(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "another_task working " + i)
                .toList()), () -> "ten ticks in order:\n" + run.output());
        int started = lines.indexOf("the worker thread's job has started");
        int firstTick = lines.indexOf("another_task working 0");
        int fetched = lines.indexOf("fetched the page <Response [200]>");
        int done = lines.indexOf("done");
        assertTrue(lines.stream().anyMatch(l -> l.matches("current thread pool-\\d+-thread-1")), run.output());
        assertTrue(started >= 0 && fetched >= 0 && done > fetched, () -> "the pool runs fetch, then the callback:\n"
                + run.output());
        assertTrue(firstTick < fetched, () -> "the loop ticked while the pool's thread blocked:\n" + run.output());
        assertTrue(lines.size() == 10 + 4, () -> "ten ticks and four lines about the fetch:\n" + run.output());
    }

    @Test
    void aTaskRunsEvenIfNobodyAwaitsIt() throws Exception {
        ProgramRun.of("create-task-starts", 0.05)
                .printed("Main started", "waiting for results", "Coroutine 1 started", "Coroutine 2 started",
                        "Coroutine 1 completed", "Coroutine 2 completed", "task2 done", "Main completed");
    }
}
