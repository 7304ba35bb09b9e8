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

/** Tutorial 1, "协程嵌套": main() awaits asyncio.wait over three tasks of 1 s, 2 s and 4 s — 4 s in all, not 7. */
public final class NestedWait extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public NestedWait(PrintStream out, double scale) {
        super(out, scale);
    }

    String doSomeWork(int x) {
        print("waiting:", x);
        Asyncio.await(Asyncio.sleep(scaled(x)));
        return "Done after " + x + "s";
    }

    Void main0() {
        List<Task<String>> tasks = List.of(
                Asyncio.ensureFuture(() -> doSomeWork(1)),
                Asyncio.ensureFuture(() -> doSomeWork(2)),
                Asyncio.ensureFuture(() -> doSomeWork(4)));

        WaitResult<String> result = Asyncio.await(Asyncio.wait(tasks));
        for (Future<String> task : result.done()) {
            print("Task ret:", task.result());
        }
        return null;
    }

    @Override
    public void main() {
        double start = now();
        EventLoop loop = Asyncio.newEventLoop();
        loop.runUntilComplete(this::main0);
        loop.close();
        print("Time:", seconds(now() - start));
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, NestedWait::new);
    }
}
