package dev.asyncio4j.examples.awaitables;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 3, "create_task已经开始任务了": a Task runs whether or not anyone awaits it — task1 completes although main
 * only awaits task2.
 */
public final class CreateTaskStarts extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CreateTaskStarts(PrintStream out, double scale) {
        super(out, scale);
    }

    Void coroutine1() {
        print("Coroutine 1 started");
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("Coroutine 1 completed");
        return null;
    }

    Void coroutine2() {
        print("Coroutine 2 started");
        Asyncio.await(Asyncio.sleep(scaled(2)));
        print("Coroutine 2 completed");
        return null;
    }

    Void main0() {
        print("Main started");
        // start both coroutines
        Task<Void> task1 = Asyncio.createTask(this::coroutine1);
        Task<Void> task2 = Asyncio.createTask(this::coroutine2);
        print("waiting for results");

        // Asyncio.await(task1);
        // print("task1 done");
        Asyncio.await(task2);
        print("task2 done");

        print("Main completed");
        return null;
    }

    @Override
    public void main() {
        // run the main coroutine on an event loop
        Asyncio.run(this::main0);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, CreateTaskStarts::new);
    }
}
