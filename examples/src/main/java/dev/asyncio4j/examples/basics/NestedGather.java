package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.List;

/**
 * Tutorial 1, "协程的挂起" (first program): main() returns {@code await asyncio.gather(*tasks)}, so
 * run_until_complete hands back the results, in argument order.
 */
public final class NestedGather extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public NestedGather(PrintStream out, double scale) {
        super(out, scale);
    }

    String doSomeWork(int x) {
        print("waiting:", x);
        Asyncio.await(Asyncio.sleep(scaled(x)));
        return "Done after " + x + "s";
    }

    List<String> main0() {
        List<Task<String>> tasks = List.of(
                Asyncio.ensureFuture(() -> doSomeWork(1)),
                Asyncio.ensureFuture(() -> doSomeWork(2)),
                Asyncio.ensureFuture(() -> doSomeWork(4)));
        return Asyncio.await(Asyncio.gather(tasks));
    }

    @Override
    public void main() {
        double start = now();
        EventLoop loop = Asyncio.newEventLoop();
        List<String> results = loop.runUntilComplete(this::main0);
        for (String result : results) {
            print("Task ret:", result);
        }
        loop.close();
        print("Time:", seconds(now() - start));
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, NestedGather::new);
    }
}
