package dev.asyncio4j.examples.awaitables;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tutorial 3, "Future": blocking code submitted to a one-thread pool runs beside a task that ticks every second;
 * {@code loop.runInExecutor(pool, ...)} turns work on that pool into a Future the loop can await, and the ticks never
 * stop while the pool's thread blocks.
 */
public final class RunInExecutor extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public RunInExecutor(PrintStream out, double scale) {
        super(out, scale);
    }

    void fetchData() {
        print("current thread " + Thread.currentThread().getName());
        timeSleep(0.5);  // stands for requests.get("https://www.baidu.com"): this machine has no internet
        timeSleep(3);
        print("fetched the page <Response [200]>");
    }

    Void fetchDataCallback() {
        print("done");
        return null;
    }

    Void afetchData() {
        ExecutorService pool = Executors.newFixedThreadPool(1);  // ThreadPoolExecutor(max_workers=1)
        try {
            pool.submit(this::fetchData);

            EventLoop loop = Asyncio.getEventLoop();
            print("the worker thread's job has started");
            // queued behind fetchData on the pool's only thread, so "done" comes after the page
            Future<Void> future = loop.runInExecutor(pool, this::fetchDataCallback);
            Asyncio.await(future);
        } finally {
            pool.shutdown();
        }
        return null;
    }

    Void anotherTask() {
        for (int i = 0; i < 10; i++) {
            Asyncio.await(Asyncio.sleep(scaled(1)));
            print("another_task working " + i);
        }
        return null;
    }

    Void main0() {
        Task<Void> task2 = Asyncio.createTask(this::anotherTask);
        Task<Void> task1 = Asyncio.createTask(this::afetchData);

        Asyncio.await(Asyncio.gather(task2, task1));
        return null;
    }

    @Override
    public void main() {
        Asyncio.run(this::main0);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, RunInExecutor::new);
    }
}
