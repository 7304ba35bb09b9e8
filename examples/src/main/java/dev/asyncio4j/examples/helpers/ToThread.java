package dev.asyncio4j.examples.helpers;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial 2, "2.2.8 多线程异步执行: to_thread()": three jobs each block a thread for 5 s and then sleep 1 s on the
 * loop. {@code asyncio.to_thread} moves the blocking part to worker threads, so the program takes about 6 s, not 18.
 */
public final class ToThread extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public ToThread(PrintStream out, double scale) {
        super(out, scale);
    }

    Void hardWork() {
        print("thread id:", Thread.currentThread().getName());
        timeSleep(5);
        return null;
    }

    Void doAsyncJob() {
        Asyncio.await(Asyncio.toThread(this::hardWork));
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("job done!");
        return null;
    }

    Void main0() {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(Asyncio.createTask(this::doAsyncJob));
        }
        Asyncio.await(Asyncio.wait(tasks));
        return null;
    }

    @Override
    public void main() {
        double start = now();
        try {
            Asyncio.run(this::main0);
        } finally {
            print("elapsed (s):", seconds(now() - start));   // atexit.register(...)
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, ToThread::new);
    }
}
