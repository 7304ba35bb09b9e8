package dev.asyncio4j.examples.awaitables;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Tutorial 3, "Task": create_task starts both coroutines at once and {@code await asyncio.gather(task1, task2)} waits
 * for both — 2 s in all instead of 3.
 */
public final class SayAfterGather extends TutorialProgram {
    private static final DateTimeFormatter X = DateTimeFormatter.ofPattern("HH:mm:ss");  // strftime('%X')

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public SayAfterGather(PrintStream out, double scale) {
        super(out, scale);
    }

    Void sayAfter(double delay, String what) {
        Asyncio.await(Asyncio.sleep(scaled(delay)));
        print(what);
        return null;
    }

    Void main0() {
        print("started at " + LocalTime.now().format(X));

        Task<Void> task1 = Asyncio.createTask(() -> sayAfter(1, "hello zhangsan"));
        Task<Void> task2 = Asyncio.createTask(() -> sayAfter(2, "hello lisi"));

        // This waits for both tasks to end; they have been running concurrently since create_task.
        Asyncio.await(Asyncio.gather(task1, task2));

        print("finished at " + LocalTime.now().format(X) + scaleNote());
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
        Scale.main(args, SayAfterGather::new);
    }
}
