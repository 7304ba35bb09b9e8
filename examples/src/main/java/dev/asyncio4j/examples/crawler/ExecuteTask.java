package dev.asyncio4j.examples.crawler;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 5, "定义协程" (create_task and ensure_future): a Task wraps the coroutine and carries its state —
 * {@code <Task pending ...>} before the loop ran it, {@code <Task finished ... result=1>} after.
 */
public final class ExecuteTask extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public ExecuteTask(PrintStream out, double scale) {
        super(out, scale);
    }

    Integer execute(int x) {
        print("Number:", x);
        return x;
    }

    @Override
    public void main() {
        Coroutine<Integer> coroutine = coroutine("execute", () -> execute(1));   // coroutine = execute(1)
        print("Coroutine:", coroutine);
        print("After calling execute");
        EventLoop loop = Asyncio.newEventLoop();
        // Python's asyncio.ensure_future(coroutine) could make the Task before any loop existed; in Java a Task
        // always belongs to a loop, so ask that loop (Asyncio.ensureFuture works inside a running loop).
        Task<Integer> task = loop.createTask(coroutine);
        print("Task:", task);
        loop.runUntilComplete(task);
        print("Task:", task);
        print("After calling loop");
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, ExecuteTask::new);
    }
}
