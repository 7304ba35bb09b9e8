package dev.asyncio4j.examples.efficiency;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial 4, "四. asyncio — async/await 关键字": at {@code await asyncio.sleep(1)} the loop switches to the other
 * task, so both start before either ends.
 */
public final class SayHelloWait extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public SayHelloWait(PrintStream out, double scale) {
        super(out, scale);
    }

    Void sayHello(int i) {
        print(String.format("Hello start %d ", i));
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print(String.format("Hello end %d", i));
        return null;
    }

    Void main0(EventLoop loop) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            int n = i;
            tasks.add(loop.createTask(() -> sayHello(n)));
        }
        Asyncio.await(Asyncio.wait(tasks));
        return null;
    }

    @Override
    public void main() {
        EventLoop loop = Asyncio.newEventLoop();
        loop.runUntilComplete(() -> main0(loop));
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, SayHelloWait::new);
    }
}
