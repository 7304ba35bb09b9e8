package dev.asyncio4j.examples.efficiency;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tutorial 4, "二. 协程的效率 — IO 密集型": two I/O waits of 1 s and 2 s take 3 s on one thread, but 2 s with
 * coroutines on one thread — as fast as two threads.
 */
public final class IoBound extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public IoBound(PrintStream out, double scale) {
        super(out, scale);
    }

    void work(int t) {
        print(String.format("task %d start", t));
        timeSleep(t);  // imagine a slow I/O operation
        print(String.format("task %d end", t));
    }

    void normal() {
        for (int i = 1; i < 3; i++) {
            work(i);
        }
    }

    void multiThread() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            int t = i;
            Thread thread = new Thread(() -> work(t));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    Void workCoroutine(int t) {
        print(String.format("task %d start", t));
        Asyncio.await(Asyncio.sleep(scaled(t)));  // imagine a slow I/O operation
        print(String.format("task %d end", t));
        return null;
    }

    Void main0(EventLoop loop) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int t = 1; t < 3; t++) {
            int delay = t;
            tasks.add(loop.createTask(() -> workCoroutine(delay)));
        }
        Asyncio.await(Asyncio.wait(tasks));
        return null;
    }

    @Override
    public void main() throws InterruptedException {
        double t1 = now();
        normal();
        double t1Elapsed = now() - t1;
        print(String.format(Locale.ROOT, "single thread: %fs", t1Elapsed) + scaleNote());
        double t2 = now();
        EventLoop loop = Asyncio.newEventLoop();
        loop.runUntilComplete(() -> main0(loop));
        loop.close();
        double t2Elapsed = now() - t2;
        print(String.format(Locale.ROOT, "coroutines: %fs", t2Elapsed) + scaleNote());
        double t3 = now();
        multiThread();
        double t3Elapsed = now() - t3;
        print(String.format(Locale.ROOT, "threads: %fs", t3Elapsed) + scaleNote());
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, IoBound::new);
    }
}
