package dev.asyncio4j.examples;

import dev.asyncio4j.examples.awaitables.CreateTaskStarts;
import dev.asyncio4j.examples.awaitables.RunInExecutor;
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
import dev.asyncio4j.examples.generators.CpuBound;
import dev.asyncio4j.examples.generators.GeneratorBones;
import dev.asyncio4j.examples.generators.GeneratorClose;
import dev.asyncio4j.examples.generators.GeneratorOrder;
import dev.asyncio4j.examples.generators.GeneratorSend;
import dev.asyncio4j.examples.generators.GeneratorStates;
import dev.asyncio4j.examples.generators.GeneratorThrow;
import dev.asyncio4j.examples.generators.QueueBones;
import dev.asyncio4j.examples.efficiency.SayHelloWait;
import dev.asyncio4j.examples.efficiency.WaitVsGather;
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
import dev.asyncio4j.examples.kotlin.KtCrawlerAsync;
import dev.asyncio4j.examples.kotlin.KtLoopInThreadCallSoon;
import dev.asyncio4j.examples.kotlin.KtLoopInThreadCoroutines;
import dev.asyncio4j.examples.kotlin.KtSayAfterGather;
import dev.asyncio4j.examples.streams.ChatServer;
import dev.asyncio4j.examples.streams.CrawlerStreams;
import dev.asyncio4j.examples.streams.EchoServerClient;
import dev.asyncio4j.examples.streams.PortChecker;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every example program, in tutorial order. {@link Tour}'s {@code list}, {@code run NAME} and guided
 * tour, and the tests, all read it. Immutable and thread-safe.
 */
public final class Examples {
    /** Tutorial 1: "python协程和异步" (2018). */
    public static final String T1 = "T1 python协程和异步";
    /** Tutorial 2: "十八、异步编程 asyncio" (2023). */
    public static final String T2 = "T2 异步编程 asyncio";
    /** Tutorial 3: "python中的coroutine" (2024). */
    public static final String T3 = "T3 python中的coroutine";
    /** Tutorial 4: the efficiency, generators and asyncio notes ("一. 协程" ...). */
    public static final String T4 = "T4 协程的效率/生成器";
    /** Tutorial 5: "Python中的异步协程" (the crawler). */
    public static final String T5 = "T5 Python中的异步协程";
    /** Programs that go past the tutorials. */
    public static final String BEYOND = "beyond the tutorials";

    private static final List<Example> ALL = List.of(
            new Example("generator-bones", T1 + " › 协程的实现方法",
                    "generators as coroutines: a producer send()s bones to two consumers", 1,
                    (out, s) -> new GeneratorBones(out, s).main()),
            new Example("queue-bones", T1 + " › 协程的实现方法, with asyncio.Queue (beyond the tutorial)",
                    "the producer and two consumers as Tasks and Queues", 1,
                    (out, s) -> new QueueBones(out, s).main()),
            new Example("define-coroutine", T1 + " › 定义一个协程",
                    "define a coroutine and run it until complete on a loop", 0.5,
                    (out, s) -> new DefineCoroutine(out, s).main()),
            new Example("task-result", T1 + " › 异步获取结果",
                    "a Task carries the coroutine's result", 0,
                    (out, s) -> new TaskResult(out, s).main()),
            new Example("done-callback", T1 + " › 绑定回调函数",
                    "a done-callback reads the finished Task's result", 0.5,
                    (out, s) -> new DoneCallback(out, s).main()),
            new Example("await-blocking", T1 + " › 阻塞和await",
                    "a coroutine that never suspends runs start to end: no overlap", 0,
                    (out, s) -> new AwaitBlocking(out, s).main()),
            new Example("nested-wait", T1 + " › 协程嵌套",
                    "asyncio.wait over 1 s, 2 s, 4 s tasks: 4 s in all", 0.25,
                    (out, s) -> new NestedWait(out, s).main()),
            new Example("nested-gather", T1 + " › 协程的挂起",
                    "return await gather(...): results in argument order", 0,
                    (out, s) -> new NestedGather(out, s).main()),
            new Example("nested-wait-returned", T1 + " › 协程的挂起",
                    "return await wait(...): the caller unpacks done, pending", 0,
                    (out, s) -> new NestedWaitReturned(out, s).main()),
            new Example("as-completed", T1 + " › 协程的挂起",
                    "as_completed hands results out as they finish", 0.25,
                    (out, s) -> new AsCompleted(out, s).main()),
            new Example("cancel-on-ctrl-c", T1 + " › 协程的停止",
                    "Ctrl+C (SIGINT) cancels every pending task", 0.5,
                    (out, s) -> new CancelOnCtrlC(out, s).main()),
            new Example("loop-in-thread-callsoon", T1 + " › 不同线程的事件循环",
                    "a loop in a second thread runs blocking callbacks in turn: 6 s + 3 s", 0.2,
                    (out, s) -> new LoopInThreadCallSoon(out, s).main()),
            new Example("loop-in-thread-coroutines", T1 + " › 新线程协程",
                    "runCoroutineThreadsafe feeds coroutines to that loop: 6 s, not 10", 0.2,
                    (out, s) -> new LoopInThreadCoroutines(out, s).main()),
            new Example("kt-loop-in-thread-callsoon", T1 + " › 不同线程的事件循环 (Kotlin)",
                    "the same in Kotlin: callSoonThreadsafe from the main thread", 0,
                    (out, s) -> new KtLoopInThreadCallSoon(out, s).main()),
            new Example("kt-loop-in-thread-coroutines", T1 + " › 新线程协程 (Kotlin)",
                    "the same in Kotlin: suspend blocks become Tasks on the other thread's loop", 0.2,
                    (out, s) -> new KtLoopInThreadCoroutines(out, s).main()),

            new Example("hello", T2 + " › 2.1 协程",
                    "asyncio.run: hello, a 1 s sleep, python", 0.5,
                    (out, s) -> new Hello(out, s).main()),
            new Example("run-main", T2 + " › 2.2.1 run()",
                    "asyncio.run runs main to its end and returns its result", 0,
                    (out, s) -> new RunMain(out, s).main()),
            new Example("say-after-sequential", T2 + " › 2.2 asyncio 库",
                    "awaiting coroutines one after the other: 1 s + 2 s = 3 s", 0.5,
                    (out, s) -> new SayAfterSequential(out, s).main()),
            new Example("say-after-tasks", T2 + " › 2.2 asyncio 库",
                    "the same as Tasks: they overlap, 2 s", 0.5,
                    (out, s) -> new SayAfterTasks(out, s).main()),
            new Example("display-date", T2 + " › 2.2.3 sleep()",
                    "print the date every second for 5 s, timed by loop.time()", 0.3,
                    (out, s) -> new DisplayDate(out, s).main()),
            new Example("wait-five-funcs", T2 + " › 2.2.4 wait()、gather()",
                    "five tasks of 0..4 s collected by asyncio.wait", 0,
                    (out, s) -> new WaitFiveFuncs(out, s).main()),
            new Example("shield", T2 + " › 2.2.5 shield()",
                    "shield() keeps work running when its awaiter is cancelled or times out", 0.5,
                    (out, s) -> new Shield(out, s).main()),
            new Example("wait-for-timeout", T2 + " › 2.2.6 wait_for()",
                    "wait_for gives up after 1 s: timeout!", 1,
                    (out, s) -> new WaitForTimeout(out, s).main()),
            new Example("task-wait-sets", T2 + " › 2.2.7 Task",
                    "asyncio.wait returns the done set and an empty pending set", 0,
                    (out, s) -> new TaskWaitSets(out, s).main()),
            new Example("to-thread", T2 + " › 2.2.8 to_thread()",
                    "three 5 s blocking jobs on threads, then 1 s sleeps: 6 s, not 18", 0.3,
                    (out, s) -> new ToThread(out, s).main()),

            new Example("say-after-gather", T3 + " › Task",
                    "create_task + gather: started/finished 2 s apart", 0,
                    (out, s) -> new SayAfterGather(out, s).main()),
            new Example("kt-say-after-gather", T3 + " › Task (Kotlin)",
                    "asyncioRun, createTask, gather(...).await() in Kotlin: 2 s", 0.5,
                    (out, s) -> new KtSayAfterGather(out, s).main()),
            new Example("run-in-executor", T3 + " › Future",
                    "blocking work on a thread pool while a task ticks every second", 0.2,
                    (out, s) -> new RunInExecutor(out, s).main()),
            new Example("create-task-starts", T3 + " › 补充点",
                    "a Task runs even if nobody awaits it", 0,
                    (out, s) -> new CreateTaskStarts(out, s).main()),

            new Example("generator-order", T4 + " › 三. 生成器的执行顺序",
                    "a generator pauses at yield and resumes right after it", 0,
                    (out, s) -> new GeneratorOrder(out, s).main()),
            new Example("generator-states", T4 + " › 三. next，send，close，throw",
                    "CREATED, RUNNING, SUSPENDED, CLOSED", 0,
                    (out, s) -> new GeneratorStates(out, s).main()),
            new Example("generator-send", T4 + " › 三. next，send，close，throw",
                    "send(v) becomes the value of the paused yield", 1,
                    (out, s) -> new GeneratorSend(out, s).main()),
            new Example("generator-close", T4 + " › 三. next，send，close，throw",
                    "after close(), send raises StopIteration", 0,
                    (out, s) -> new GeneratorClose(out, s).main()),
            new Example("generator-throw", T4 + " › 三. next，send，close，throw",
                    "throwInto raises at the paused yield", 0,
                    (out, s) -> new GeneratorThrow(out, s).main()),
            new Example("cpu-bound", T4 + " › 二. 计算密集型",
                    "CPU-bound: one thread vs two threads vs a generator coroutine", 0.1,
                    (out, s) -> new CpuBound(out, s).main()),
            new Example("io-bound", T4 + " › 二. IO 密集型",
                    "1 s + 2 s of I/O: 3 s on one thread, 2 s with coroutines or threads", 0.3,
                    (out, s) -> new IoBound(out, s).main()),
            new Example("say-hello-wait", T4 + " › 四. async/await",
                    "at await the loop switches task: both start before either ends", 0,
                    (out, s) -> new SayHelloWait(out, s).main()),
            new Example("wait-vs-gather", T4 + " › 四. asyncio.wait",
                    "wait returns finished Tasks, gather returns results in order", 1,
                    (out, s) -> new WaitVsGather(out, s).main()),

            new Example("execute-coroutine", T5 + " › 定义协程",
                    "making a coroutine runs nothing; the loop runs it", 0,
                    (out, s) -> new ExecuteCoroutine(out, s).main()),
            new Example("execute-task", T5 + " › 定义协程",
                    "a Task prints pending before the loop runs it, finished result=1 after", 1,
                    (out, s) -> new ExecuteTask(out, s).main()),
            new Example("request-callback", T5 + " › 绑定回调",
                    "a done-callback prints the HTTP response", 0,
                    (out, s) -> new RequestCallback(out, s).main()),
            new Example("request-result", T5 + " › 绑定回调",
                    "read task.result() after the loop instead", 0,
                    (out, s) -> new RequestResult(out, s).main()),
            new Example("request-five-tasks", T5 + " › 多任务协程",
                    "five request Tasks under asyncio.wait", 0,
                    (out, s) -> new RequestFiveTasks(out, s).main()),
            new Example("crawler-blocking", T5 + " › 爬虫，协程实现",
                    "5 blocking requests to a 3 s server: 15 s, one after the other", 0.1,
                    (out, s) -> new CrawlerBlocking(out, s).main()),
            new Example("crawler-await-blocking", T5 + " › 爬虫，协程实现",
                    "awaiting a coroutine that blocks changes nothing: still 15 s", 0.1,
                    (out, s) -> new CrawlerAwaitBlocking(out, s).main()),
            new Example("crawler-async", T5 + " › 使用aiohttp",
                    "HttpClient.sendAsync + wrapFuture: the 5 requests overlap, 3 s", 0.5,
                    (out, s) -> new CrawlerAsync(out, s).main()),
            new Example("kt-crawler-async", T5 + " › 使用aiohttp (Kotlin)",
                    "the same in Kotlin tasks: 3 s", 0,
                    (out, s) -> new KtCrawlerAsync(out, s).main()),
            new Example("crawler-thousand", BEYOND + " › T5 crawler × 1000",
                    "1,000 concurrent requests to the 3 s server in about 3 s, with a progress bar", 1,
                    (out, s) -> new CrawlerThousand(out, s).main()),
            new Example("echo-server-client", "asyncio docs › Streams › TCP echo client/server",
                    "start_server + open_connection: one message there and back", 0,
                    (out, s) -> new EchoServerClient(out, s).main()),
            new Example("chat-server", "beyond the tutorials › streams",
                    "a line-based chat server: one Task per client relays lines to the others", 0,
                    (out, s) -> new ChatServer(out, s).main()),
            new Example("port-checker", "beyond the tutorials › streams",
                    "open_connection under wait_for over many ports at once: open, closed, filtered", 0,
                    (out, s) -> new PortChecker(out, s).main()),
            new Example("crawler-streams", T5 + " › 使用aiohttp, on open_connection",
                    "the 5 requests on the loop's own sockets, HTTP/1.1 by hand: 3 s", 0,
                    (out, s) -> new CrawlerStreams(out, s).main()),
            new Example("subprocess-pipeline", BEYOND + " › subprocesses",
                    "ls | wc -l by hand and through the shell, then three commands at once, with communicate()", 0.5,
                    (out, s) -> new dev.asyncio4j.examples.subprocess.SubprocessPipeline(out, s).main()));

    private Examples() {
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
