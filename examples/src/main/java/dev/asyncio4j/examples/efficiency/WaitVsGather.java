package dev.asyncio4j.examples.efficiency;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.WaitResult;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial 4, "四. asyncio — asyncio.wait": wait returns the finished Tasks as a set (read each with
 * {@code result()}), gather returns the results themselves, in argument order.
 */
public final class WaitVsGather extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public WaitVsGather(PrintStream out, double scale) {
        super(out, scale);
    }

    long foo(int i) {
        return (long) Math.pow(i, i);   // i ** i
    }

    Void work1() {
        List<Task<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            tasks.add(Asyncio.createTask(() -> foo(n)));
        }
        WaitResult<Long> result = Asyncio.await(Asyncio.wait(tasks));
        print(result.done(), result.pending());
        for (Future<Long> task : result.done()) {
            print(task.result());
        }
        return null;
    }

    Void work2() {
        List<Task<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            tasks.add(Asyncio.createTask(() -> foo(n)));
        }
        List<Long> result = Asyncio.await(Asyncio.gather(tasks));
        print(result);
        return null;
    }

    @Override
    public void main() {
        EventLoop loop = Asyncio.newEventLoop();
        loop.runUntilComplete(this::work1);
        loop.runUntilComplete(this::work2);
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, WaitVsGather::new);
    }
}
