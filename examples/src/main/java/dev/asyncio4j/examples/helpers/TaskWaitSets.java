package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;
import dev.asyncio4j.WaitResult;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.List;

/**
 * Tutorial 2, "2.2.7 Task": two tasks run concurrently; {@code asyncio.wait} returns the done set (both finished
 * Tasks) and an empty pending set.
 */
public final class TaskWaitSets extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public TaskWaitSets(PrintStream out, double scale) {
        super(out, scale);
    }

    String func2() {
        print(1111);
        Asyncio.await(Asyncio.sleep(scaled(2)));
        print(2222);
        return "test";
    }

    @Override
    public void main() {
        // Python 3.11 wants Tasks, not bare coroutines, in asyncio.wait; so do we.
        WaitResult<String> xy = Asyncio.run(() -> {
            List<Task<String>> tasks = List.of(Asyncio.createTask(this::func2), Asyncio.createTask(this::func2));
            return Asyncio.await(Asyncio.wait(tasks));
        });
        print(xy.done());
        print(xy.pending());
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, TaskWaitSets::new);
    }
}
