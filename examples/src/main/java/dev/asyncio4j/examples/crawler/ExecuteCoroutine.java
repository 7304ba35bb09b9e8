package dev.asyncio4j.examples.crawler;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 5, "定义协程": making a coroutine runs nothing; only the event loop runs it. In Java the coroutine object
 * is a {@code Coroutine} lambda: creating it runs nothing either.
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
        Coroutine<Void> coroutine = () -> execute(1);
        print("Coroutine:", coroutine);  // like <coroutine object execute at 0x...>: an object, not a result
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
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, (out, scale) -> new ExecuteCoroutine(out, scale).main());
    }
}
