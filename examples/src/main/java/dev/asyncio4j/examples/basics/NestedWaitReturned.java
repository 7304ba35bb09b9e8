package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.WaitResult;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.List;

/**
 * Tutorial 1, "协程的挂起" (second program): main() returns {@code await asyncio.wait(tasks)}; the caller unpacks
 * {@code done, pending}.
 */
public final class NestedWaitReturned extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public NestedWaitReturned(PrintStream out, double scale) {
        super(out, scale);
    }

    String doSomeWork(int x) {
        print("waiting:", x);
        Asyncio.await(Asyncio.sleep(scaled(x)));
        return "Done after " + x + "s";
    }

    WaitResult<String> main0() {
        List<Task<String>> tasks = List.of(
                Asyncio.ensureFuture(() -> doSomeWork(1)),
                Asyncio.ensureFuture(() -> doSomeWork(2)),
                Asyncio.ensureFuture(() -> doSomeWork(4)));
        return Asyncio.await(Asyncio.wait(tasks));
    }

    @Override
    public void main() {
        double start = now();
        EventLoop loop = Asyncio.newEventLoop();
        WaitResult<String> result = loop.runUntilComplete(this::main0);  // done, pending = ...
        for (Future<String> task : result.done()) {
            print("Task ret:", task.result());
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
        Scale.main(args, NestedWaitReturned::new);
    }
}
