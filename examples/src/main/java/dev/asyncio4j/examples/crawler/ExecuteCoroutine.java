package dev.asyncio4j.examples.crawler;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 5, "定义协程": making a coroutine runs nothing; only the event loop runs it. In Java the coroutine object
 * is a {@code Coroutine} lambda: creating it runs nothing either. {@code coroutine("execute", ...)} gives the lambda
 * Python's way of printing itself, {@code <coroutine object execute at 0x...>}.
 */
public final class ExecuteCoroutine extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public ExecuteCoroutine(PrintStream out, double scale) {
        super(out, scale);
    }

    Void execute(int x) {
        print("Number:", x);
        return null;
    }

    @Override
    public void main() {
        Coroutine<Void> coroutine = coroutine("execute", () -> execute(1));   // coroutine = execute(1)
        print("Coroutine:", coroutine);  // an object, not a result: execute has not run
        print("After calling execute");
        EventLoop loop = Asyncio.newEventLoop();
        loop.runUntilComplete(coroutine);
        print("After calling loop");
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, ExecuteCoroutine::new);
    }
}
