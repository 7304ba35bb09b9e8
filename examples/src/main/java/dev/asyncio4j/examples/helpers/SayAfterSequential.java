package dev.asyncio4j.examples.helpers;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 2, "2.2 asyncio 库" (and tutorial 3, "Task"): awaiting two coroutines one after the other takes
 * 1 s + 2 s = 3 s — awaiting a coroutine runs it to its end before the next line.
 */
public final class SayAfterSequential extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public SayAfterSequential(PrintStream out, double scale) {
        super(out, scale);
    }

    Void sayAfter(double delay, String what) {
        Asyncio.await(Asyncio.sleep(scaled(delay)));
        print(what);
        return null;
    }

    Void main0() {
        double startTime = now();

        sayAfter(1, "hello");     // await say_after(1, 'hello'): awaiting a coroutine is calling it
        sayAfter(2, "world");

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
        Scale.main(args, SayAfterSequential::new);
    }
}
