package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/** Tutorial 1, "异步获取结果": wrap the coroutine in a Task to read its result afterwards. */
public final class TaskResult extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public TaskResult(PrintStream out, double scale) {
        super(out, scale);
    }

    int add(int a, int b) {
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("add result: ", a + b);
        return a + b;
    }

    @Override
    public void main() {
        double start = now();
        EventLoop loop = Asyncio.newEventLoop();
        Task<Integer> task = loop.createTask(() -> add(1, 2));
        print(task);
        loop.runUntilComplete(task);
        print(task.result());
        print("time: ", seconds(now() - start));
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, TaskResult::new);
    }
}
