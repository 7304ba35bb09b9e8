package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tutorial 1, "阻塞和await": awaiting a coroutine that never suspends (a counting loop) gives nothing to overlap, so
 * the four {@code hello()} tasks run one after the other.
 */
public final class AwaitBlocking extends TutorialProgram {
    private final double start = now();

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public AwaitBlocking(PrintStream out, double scale) {
        super(out, scale);
    }

    // async def async_add(a, b): counts to a million without ever awaiting
    int asyncAdd(int a, int b) {
        int c = 0;
        while (c < 1_000_000) {
            c += 1;
        }
        return a + b + (c - 1_000_000);
    }

    Void hello() {
        print("Hello world: ", "time=", String.format(Locale.ROOT, "%.3f", now() - start));
        int r = asyncAdd(1, 3);   // await async_add(1, 3): a coroutine awaited directly is just a call
        print("async result:", r, "time: ", String.format(Locale.ROOT, "%.3f", now() - start));
        return null;
    }

    @Override
    public void main() {
        EventLoop loop = Asyncio.newEventLoop();
        // run_until_complete(asyncio.wait([hello() for x in range(4)]))
        loop.runUntilComplete(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int x = 0; x < 4; x++) {
                tasks.add(Asyncio.createTask(this::hello));
            }
            return Asyncio.await(Asyncio.wait(tasks));
        });
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, AwaitBlocking::new);
    }
}
