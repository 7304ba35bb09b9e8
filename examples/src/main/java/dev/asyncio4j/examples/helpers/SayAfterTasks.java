package dev.asyncio4j.examples.helpers;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 2, "2.2 asyncio 库" (second program): wrapped in Tasks, the two coroutines run concurrently, so the
 * program takes 2 s, not 3.
 */
public final class SayAfterTasks extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public SayAfterTasks(PrintStream out, double scale) {
        super(out, scale);
    }

    Void sayAfter(double delay, String what) {
        Asyncio.await(Asyncio.sleep(scaled(delay)));
        print(what);
        return null;
    }

    Void main0() {
        Task<Void> task1 = Asyncio.createTask(() -> sayAfter(1, "hello"));
        Task<Void> task2 = Asyncio.createTask(() -> sayAfter(2, "Python"));
        double startTime = now();
        Asyncio.await(task1);
        Asyncio.await(task2);
        double endTime = now();
        print("elapsed: " + seconds(endTime - startTime));
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
        Scale.main(args, SayAfterTasks::new);
    }
}
