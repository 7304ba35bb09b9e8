package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/** Tutorial 1, "定义一个协程": define a coroutine and run it until complete on a loop. */
public final class DefineCoroutine extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public DefineCoroutine(PrintStream out, double scale) {
        super(out, scale);
    }

    // async def add(a, b)
    int add(int a, int b) {
        // The tutorial wrote asyncio.sleep(1) without await, so its sleep never happened; here it does.
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("add result: ", a + b);
        return a + b;
    }

    @Override
    public void main() {
        double start = now();
        EventLoop loop = Asyncio.newEventLoop();  // Python 3.6's get_event_loop() made one on first use
        Coroutine<Integer> coroutine = () -> add(1, 2);
        loop.runUntilComplete(coroutine);          // it also returns the result
        loop.close();
        print("time: ", seconds(now() - start));
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, DefineCoroutine::new);
    }
}
