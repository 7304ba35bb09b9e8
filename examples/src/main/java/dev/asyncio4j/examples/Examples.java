package dev.asyncio4j.examples;

import static dev.asyncio4j.examples.Tutorial.BEYOND;
import static dev.asyncio4j.examples.Tutorial.T1;
import static dev.asyncio4j.examples.Tutorial.T2;
import static dev.asyncio4j.examples.Tutorial.T3;
import static dev.asyncio4j.examples.Tutorial.T4;
import static dev.asyncio4j.examples.Tutorial.T5;

import dev.asyncio4j.examples.Tutorial.Section;
import dev.asyncio4j.examples.awaitables.CreateTaskStarts;
import dev.asyncio4j.examples.awaitables.NeverAwaited;
import dev.asyncio4j.examples.awaitables.RunInExecutor;
import dev.asyncio4j.examples.awaitables.SayAfterAwait;
import dev.asyncio4j.examples.awaitables.SayAfterGather;
import dev.asyncio4j.examples.basics.AsCompleted;
import dev.asyncio4j.examples.basics.AwaitBlocking;
import dev.asyncio4j.examples.basics.CancelOnCtrlC;
import dev.asyncio4j.examples.basics.DefineCoroutine;
import dev.asyncio4j.examples.basics.DoneCallback;
import dev.asyncio4j.examples.basics.LoopInThreadCallSoon;
import dev.asyncio4j.examples.basics.LoopInThreadCoroutines;
import dev.asyncio4j.examples.basics.NestedGather;
import dev.asyncio4j.examples.basics.NestedWait;
import dev.asyncio4j.examples.basics.NestedWaitReturned;
import dev.asyncio4j.examples.basics.TaskResult;
import dev.asyncio4j.examples.crawler.CrawlerAsync;
import dev.asyncio4j.examples.crawler.CrawlerAwaitBlocking;
import dev.asyncio4j.examples.crawler.CrawlerBlocking;
import dev.asyncio4j.examples.crawler.CrawlerThousand;
import dev.asyncio4j.examples.crawler.ExecuteCoroutine;
import dev.asyncio4j.examples.crawler.ExecuteTask;
import dev.asyncio4j.examples.crawler.RequestCallback;
import dev.asyncio4j.examples.crawler.RequestFiveTasks;
import dev.asyncio4j.examples.crawler.RequestResult;
import dev.asyncio4j.examples.efficiency.IoBound;
import dev.asyncio4j.examples.efficiency.SayHelloWait;
import dev.asyncio4j.examples.efficiency.WaitVsGather;
import dev.asyncio4j.examples.generators.CpuBound;
import dev.asyncio4j.examples.generators.GeneratorBones;
import dev.asyncio4j.examples.generators.GeneratorClose;
import dev.asyncio4j.examples.generators.GeneratorOrder;
import dev.asyncio4j.examples.generators.GeneratorSend;
import dev.asyncio4j.examples.generators.GeneratorStates;
import dev.asyncio4j.examples.generators.GeneratorThrow;
import dev.asyncio4j.examples.generators.QueueBones;
import dev.asyncio4j.examples.helpers.DisplayDate;
import dev.asyncio4j.examples.helpers.Hello;
import dev.asyncio4j.examples.helpers.RunMain;
import dev.asyncio4j.examples.helpers.SayAfterSequential;
import dev.asyncio4j.examples.helpers.SayAfterTasks;
import dev.asyncio4j.examples.helpers.Shield;
import dev.asyncio4j.examples.helpers.TaskWaitSets;
import dev.asyncio4j.examples.helpers.ToThread;
import dev.asyncio4j.examples.helpers.WaitFiveFuncs;
import dev.asyncio4j.examples.helpers.WaitForTimeout;
import dev.asyncio4j.examples.interop.JavaKotlinAwait;
import dev.asyncio4j.examples.interop.SuspendRepository;
import dev.asyncio4j.examples.kotlin.KtCrawlerAsync;
import dev.asyncio4j.examples.kotlin.KtLoopInThreadCoroutines;
import dev.asyncio4j.examples.kotlin.KtSayAfterGather;
import dev.asyncio4j.examples.streams.ChatServer;
import dev.asyncio4j.examples.streams.CrawlerStreams;
import dev.asyncio4j.examples.streams.EchoServerClient;
import dev.asyncio4j.examples.streams.PortChecker;
import dev.asyncio4j.examples.subprocess.SubprocessPipeline;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every example program, in tutorial order. {@link Tour}'s {@code list}, {@code run NAME} and guided
 * tour, and the tests, all read it. Immutable and thread-safe.
 *
 * <p>One entry per program: {@code program(name, section, seconds at --scale 1, tour scale (0 = not in the tour),
 * factory, what it teaches, what to notice)}. To add a program, add its line where its tutorial section is.
 */
public final class Examples {
    private static final Section T1_IMPLEMENT = T1.section("协程的实现方法", "how coroutines are implemented");
    private static final Section T1_DEFINE = T1.section("定义一个协程", "defining a coroutine");
    private static final Section T1_RESULT = T1.section("异步获取结果", "getting the result");
    private static final Section T1_CALLBACK = T1.section("绑定回调函数", "binding a callback");
    private static final Section T1_BLOCKING = T1.section("阻塞和await", "blocking and await");
    private static final Section T1_NESTED = T1.section("协程嵌套", "nested coroutines");
    private static final Section T1_SUSPEND = T1.section("协程的挂起", "returning what main awaited");
    private static final Section T1_STOP = T1.section("协程的停止", "stopping coroutines");
    private static final Section T1_LOOP_THREAD = T1.section("不同线程的事件循环", "an event loop in another thread");
    private static final Section T1_THREAD_COROS = T1.section("新线程协程", "coroutines for a loop in another thread");
    private static final Section T2_COROUTINE = T2.section("2.1 协程", "coroutines");
    private static final Section T2_LIBRARY = T2.section("2.2 asyncio 库", "the asyncio library");
    private static final Section T2_RUN = T2.section("2.2.1 run()", "running a program");
    private static final Section T2_SLEEP = T2.section("2.2.3 sleep()", "sleeping");
    private static final Section T2_WAIT = T2.section("2.2.4 wait()、gather()", "running tasks concurrently");
    private static final Section T2_SHIELD = T2.section("2.2.5 shield()", "protecting from cancellation");
    private static final Section T2_WAIT_FOR = T2.section("2.2.6 wait_for()", "timeouts");
    private static final Section T2_TASK = T2.section("2.2.7 Task", "Task objects");
    private static final Section T2_TO_THREAD = T2.section("2.2.8 to_thread()", "blocking work on threads");
    private static final Section T3_COROUTINE = T3.section("Coroutine", "a coroutine never awaited");
    private static final Section T3_TASK = T3.section("Task", "Task");
    private static final Section T3_FUTURE = T3.section("Future", "Future");
    private static final Section T3_EXTRA = T3.section("补充点", "extra: create_task already starts the task");
    private static final Section T4_CPU = T4.section("二. 计算密集型", "compute-bound work");
    private static final Section T4_IO = T4.section("二. IO 密集型", "I/O-bound work");
    private static final Section T4_ORDER = T4.section("三. 生成器的执行顺序", "the order a generator runs in");
    private static final Section T4_METHODS = T4.section("三. next，send，close，throw", "next, send, close, throw");
    private static final Section T4_ASYNC = T4.section("四. async/await", "async/await");
    private static final Section T4_WAIT = T4.section("四. asyncio.wait / gather", "asyncio.wait and gather");
    private static final Section T5_DEFINE = T5.section("定义协程", "defining a coroutine");
    private static final Section T5_CALLBACK = T5.section("绑定回调", "binding a callback");
    private static final Section T5_TASKS = T5.section("多任务协程", "many tasks");
    private static final Section T5_CRAWLER = T5.section("爬虫，协程实现", "a crawler with coroutines");
    private static final Section T5_AIOHTTP = T5.section("使用aiohttp", "using aiohttp");
    private static final Section BEYOND_THOUSAND = BEYOND.section("", "T5's crawler × 1,000");
    private static final Section BEYOND_INTEROP = BEYOND.section("", "Java and Kotlin Tasks await each other");
    private static final Section BEYOND_STREAMS = BEYOND.section("", "streams: the loop's own sockets");
    private static final Section BEYOND_SUBPROCESSES = BEYOND.section("", "subprocesses: pipes off the loop");

    private static final String UNORDERED = "; done is a set: Python promises no order (asyncio4j happens to list "
            + "finish order)";

    private static final List<Example> ALL = List.of(
            program("generator-bones", T1_IMPLEMENT, 0, 1, GeneratorBones::new,
                    "generators as coroutines: a producer send()s bones to two consumers",
                    "each send() runs a consumer up to its next yield: the lines alternate strictly, on one thread"),
            program("queue-bones", T1_IMPLEMENT, 0, 0, QueueBones::new,
                    "the same producer and consumers as Tasks and Queues (beyond the tutorial)",
                    "a consumer gnaws bone n only after the producer made it; nobody calls anybody directly"),
            program("define-coroutine", T1_DEFINE, 1, 0.5, DefineCoroutine::new,
                    "define a coroutine and run it until complete on a loop",
                    "the coroutine runs only inside runUntilComplete; its 1 s sleep is the whole time"),
            program("task-result", T1_RESULT, 1, 0, TaskResult::new,
                    "a Task carries the coroutine's result",
                    "the Task prints as pending before the loop runs it; afterwards result() is 3"),
            program("done-callback", T1_CALLBACK, 1, 0.5, DoneCallback::new,
                    "a done-callback reads the finished Task's result; one loop per thread",
                    "both loop lookups give the same loop (true); the callback runs after add() returned"),
            program("await-blocking", T1_BLOCKING, 0, 0, AwaitBlocking::new,
                    "a coroutine that never suspends runs start to end: no overlap",
                    "each hello() prints both its lines before the next starts: counting never yields to the loop"),
            program("nested-wait", T1_NESTED, 4, 0.25, NestedWait::new,
                    "asyncio.wait over tasks of 1 s, 2 s and 4 s",
                    "the three sleeps overlap: Time is 4 s, not 1 + 2 + 4 = 7" + UNORDERED),
            program("nested-gather", T1_SUSPEND, 4, 0, NestedGather::new,
                    "return await gather(...): run_until_complete hands back the results",
                    "gather's results come in argument order (1, 2, 4), whatever order the tasks finished in"),
            program("nested-wait-returned", T1_SUSPEND, 4, 0, NestedWaitReturned::new,
                    "return await wait(...): the caller unpacks done, pending",
                    "the caller gets both sets; 4 s in all" + UNORDERED),
            program("as-completed", T1_SUSPEND, 4, 0.25, AsCompleted::new,
                    "as_completed hands out results as they finish",
                    "results arrive 1 s, 2 s and 4 s after the start, each as soon as its task is done"),
            program("cancel-on-ctrl-c", T1_STOP, 1.5, 1, CancelOnCtrlC::new,
                    "Ctrl+C (SIGINT) cancels every pending task",
                    "at 1.5 s the 1 s task is done, so only the two 2 s tasks and wait() are cancelled (true x3)"),
            program("loop-in-thread-callsoon", T1_LOOP_THREAD, 9, 0.2, LoopInThreadCallSoon::new,
                    "a loop in a second thread runs the main thread's blocking callbacks in turn",
                    "TIME prints at once (main is not blocked); the blocking callbacks take 6 s + 3 s = 9 s"),
            program("loop-in-thread-coroutines", T1_THREAD_COROS, 6, 0.2, LoopInThreadCoroutines::new,
                    "runCoroutineThreadsafe feeds coroutines to that loop",
                    "both coroutines wait at once: done after 6 s, not 6 + 4 = 10"),
            program("kt-loop-in-thread-coroutines", T1_THREAD_COROS, 6, 0.2, KtLoopInThreadCoroutines::new,
                    "Kotlin: EventLoop.runCoroutineThreadsafe { } from the main thread",
                    "the suspend blocks become Tasks on the other thread's loop and overlap: 6 s, not 10"),

            program("hello", T2_COROUTINE, 1, 0.5, Hello::new,
                    "asyncio.run: hello, a 1 s sleep, python",
                    "python comes 1 s after hello"),
            program("run-main", T2_RUN, 1, 0, RunMain::new,
                    "asyncio.run runs the top-level coroutine to its end",
                    "hello after 1 s, then the program ends with the loop"),
            program("say-after-sequential", T2_LIBRARY, 3, 0.5, SayAfterSequential::new,
                    "awaiting coroutines one after the other",
                    "awaiting a coroutine runs it to its end: 1 s + 2 s = 3 s"),
            program("say-after-tasks", T2_LIBRARY, 2, 0.5, SayAfterTasks::new,
                    "the same coroutines as Tasks",
                    "both Tasks run from create_task on: 2 s in all, not 3"),
            program("display-date", T2_SLEEP, 4, 0.3, DisplayDate::new,
                    "print the date every second for 5 s, timed by loop.time()",
                    "five dates one second apart; the loop's clock decides when to stop"),
            program("wait-five-funcs", T2_WAIT, 4, 0, WaitFiveFuncs::new,
                    "five tasks of 0..4 s collected by asyncio.wait",
                    "all five start at once and finish a second apart" + UNORDERED),
            program("shield", T2_SHIELD, 4, 0.5, Shield::new,
                    "shield() keeps work running when its awaiter is cancelled or times out",
                    "the caller is cancelled and wait_for times out, yet something() finishes both times"),
            program("wait-for-timeout", T2_WAIT_FOR, 1, 1, WaitForTimeout::new,
                    "wait_for gives up after 1 s: timeout!",
                    "timeout! after 1 s; the hour-long sleep is cancelled, yay! never prints"),
            program("task-wait-sets", T2_TASK, 2, 0, TaskWaitSets::new,
                    "asyncio.wait returns the done set and an empty pending set",
                    "1111 twice before 2222 twice: the two tasks overlap" + UNORDERED),
            program("to-thread", T2_TO_THREAD, 6, 0.3, ToThread::new,
                    "three 5 s blocking jobs on threads, then 1 s sleeps",
                    "three different threads; 5 s + 1 s = 6 s in all, not 3 x 6 = 18"),

            program("never-awaited", T3_COROUTINE, 0, 1, NeverAwaited::new,
                    "the 'coroutine was never awaited' mistakes, in Java",
                    "a Coroutine never run prints nothing and Java warns about nothing; the SDK reports a dropped Task "
                            + "and an exception nobody retrieved"),
            program("say-after-await", T3_TASK, 3, 0.5, SayAfterAwait::new,
                    "await two coroutines in turn: started at / finished at",
                    "finished at is 3 s after started at: awaiting one coroutine after another is sequential"),
            program("say-after-gather", T3_TASK, 2, 0, SayAfterGather::new,
                    "create_task + gather: started/finished 2 s apart",
                    "finished at is 2 s after started at, not 3: the tasks overlap"),
            program("kt-say-after-gather", T3_TASK, 2, 0.5, KtSayAfterGather::new,
                    "Kotlin: asyncioRun, createTask, gather(...).await()",
                    "the same 2 s as in Java; Kotlin Tasks and asyncio Futures mix freely"),
            program("run-in-executor", T3_FUTURE, 10, 0.2, RunInExecutor::new,
                    "blocking work on a thread pool while a task ticks every second",
                    "the ticks never stop while the pool's thread blocks for 3.5 s; done comes after the page"),
            program("create-task-starts", T3_EXTRA, 2, 0, CreateTaskStarts::new,
                    "a Task runs even if nobody awaits it",
                    "Coroutine 1 completes although main never awaits task1"),

            program("cpu-bound", T4_CPU, 20, true, 0.01, CpuBound::new,
                    "CPU-bound: one thread vs two threads vs a generator coroutine (--scale shrinks the work)",
                    "the coroutine is the slowest: switching adds cost and nothing overlaps. On JDK 21+ this jar "
                            + "runs the generator as a JDK continuation, close to Python's speed; on JDK 17 each "
                            + "send() is two thread hand-offs, far slower (the last line says which). The tour "
                            + "computes 1% of the tutorial's numbers"),
            program("io-bound", T4_IO, 7, 0.3, IoBound::new,
                    "1 s + 2 s of I/O: one thread, coroutines, threads",
                    "3 s on one thread, 2 s with coroutines and with threads"),
            program("generator-order", T4_ORDER, 0, 0, GeneratorOrder::new,
                    "a generator pauses at yield and resumes right after it",
                    "after yield prints on the second next(): the body resumes, it does not start over"),
            program("generator-states", T4_METHODS, 0, 0, GeneratorStates::new,
                    "GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED, GEN_CLOSED",
                    "Python's GEN_X is Java's Generator.State.X (printed side by side)"),
            program("generator-send", T4_METHODS, 0, 1, GeneratorSend::new,
                    "send(v) becomes the value of the paused yield",
                    "the tutorial's comments say 8 and 12; the generators really end (StopIteration) and yield 8"),
            program("generator-close", T4_METHODS, 0, 0, GeneratorClose::new,
                    "after close(), send raises StopIteration",
                    "send(8) after close() throws StopIteration, where the tutorial's Python died"),
            program("generator-throw", T4_METHODS, 0, 0, GeneratorThrow::new,
                    "throwInto raises at the paused yield",
                    "the generator catches the error at its yield, prints ValueError and ends"),
            program("say-hello-wait", T4_ASYNC, 1, 0, SayHelloWait::new,
                    "at await the loop switches task: both start before either ends",
                    "both Hello start lines come before either Hello end: 1 s in all"),
            program("wait-vs-gather", T4_WAIT, 0, 1, WaitVsGather::new,
                    "wait returns finished Tasks, gather returns results in order",
                    "gather's list is in argument order: [1, 1, 4, 27]" + UNORDERED),

            program("execute-coroutine", T5_DEFINE, 0, 0, ExecuteCoroutine::new,
                    "making a coroutine runs nothing; the loop runs it",
                    "Number: 1 prints only after the loop starts, not when the coroutine object is made"),
            program("execute-task", T5_DEFINE, 0, 1, ExecuteTask::new,
                    "a Task is pending before the loop runs it, finished with result=1 after",
                    "the same Task prints pending, then finished result=1"),
            program("request-callback", T5_CALLBACK, 0.2, 0, RequestCallback::new,
                    "a done-callback prints the HTTP response",
                    "Status is printed by the callback, between the pending and the finished Task"),
            program("request-result", T5_CALLBACK, 0.2, 0, RequestResult::new,
                    "read task.result() after the loop instead",
                    "no callback: the result is read from the finished Task"),
            program("request-five-tasks", T5_TASKS, 1, 0, RequestFiveTasks::new,
                    "five request Tasks under asyncio.wait",
                    "five pending Tasks, then five results, in list order"),
            program("crawler-blocking", T5_CRAWLER, 15, 0.1, CrawlerBlocking::new,
                    "5 blocking requests to a 3 s server",
                    "each Waiting is followed by its response: the blocking call holds the loop, 5 x 3 s = 15 s"),
            program("crawler-await-blocking", T5_CRAWLER, 15, 0.1, CrawlerAwaitBlocking::new,
                    "awaiting a coroutine that blocks changes nothing",
                    "the lines alternate exactly as without await: still 15 s"),
            program("crawler-async", T5_AIOHTTP, 3, 0.5, CrawlerAsync::new,
                    "HttpClient.sendAsync + wrapFuture: the 5 requests overlap",
                    "all five Waiting lines first, then the five responses: 3 s, not 15"),
            program("kt-crawler-async", T5_AIOHTTP, 3, 0, KtCrawlerAsync::new,
                    "Kotlin: the same crawler in Kotlin Tasks",
                    "the same 3 s as in Java"),
            program("crawler-thousand", BEYOND_THOUSAND, 4, 1, CrawlerThousand::new,
                    "1,000 concurrent requests to the 3 s server, with a progress bar",
                    "the server holds all 1,000 requests at once, so Cost time is one 3 s wait plus the time it "
                            + "took to send them (printed above it) and to read the answers, not 1,000 x 3 s"),
            program("java-kotlin-await", BEYOND_INTEROP, 2, 0.5, JavaKotlinAwait::new,
                    "a Java Task and a Kotlin Task await each other; cancellation crosses too",
                    "the Kotlin Task waits for the Java Task, the Java main waits for the Kotlin Task: 1 s + 1 s"),
            program("suspend-repository", BEYOND_INTEROP, 4.5, 0.2, SuspendRepository::new,
                    "Kotlin suspend funs implemented in Java (Suspend.complete), called from Java (Suspend.await)",
                    "one greeting's two lookups overlap (1 s, not 2); an exception and a cancellation cross both "
                            + "ways"),
            program("echo-server-client", BEYOND_STREAMS, 0, 0, EchoServerClient::new,
                    "start_server + open_connection: one message there and back (asyncio docs' TCP echo)",
                    "the server's Received line comes between the client's Send and Received lines"),
            program("chat-server", BEYOND_STREAMS, 0, 0, ChatServer::new,
                    "a line-based chat server: one Task per client relays lines to the others",
                    "each client sees the others' lines, never its own"),
            program("port-checker", BEYOND_STREAMS, 0, 0, PortChecker::new,
                    "open_connection under wait_for over many ports at once: open, closed, filtered",
                    "all ports are checked at once: the whole scan takes about one timeout"),
            program("crawler-streams", BEYOND_STREAMS, 3, 0, CrawlerStreams::new,
                    "T5's crawler on the loop's own sockets, HTTP/1.1 by hand (asyncio docs' open_connection)",
                    "all five Waiting lines first, then the five responses: 3 s, not 15"),
            program("subprocess-pipeline", BEYOND_SUBPROCESSES, 1, 0.5, SubprocessPipeline::new,
                    "ls | wc -l by hand and through the shell, then three commands at once, with communicate() "
                            + "(asyncio docs' subprocesses)",
                    "the pipeline made by hand counts the same 5 files as the shell's; the two 1 s commands "
                            + "overlap: about 1 s in all, not 2"));

    private Examples() {
    }

    private static Example program(String name, Section section, double seconds, double tourScale,
                                   ProgramFactory factory, String teaches, String notice) {
        return new Example(name, section, seconds, false, tourScale, teaches, notice, factory);
    }

    private static Example program(String name, Section section, double seconds, boolean cpu, double tourScale,
                                   ProgramFactory factory, String teaches, String notice) {
        return new Example(name, section, seconds, cpu, tourScale, teaches, notice, factory);
    }

    /** @return every program, in tutorial order */
    public static List<Example> all() {
        return ALL;
    }

    /**
     * Finds a program by name.
     *
     * @param name the name shown by {@code list}
     * @return the program, or empty
     */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
