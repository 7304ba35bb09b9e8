package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 2, "2.2.1 运行 asyncio 程序: run()": asyncio.run(main()) makes a loop, runs main to its end, cancels what is
 * left, shuts the default executor down and closes the loop.
 */
public final class RunMain extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public RunMain(PrintStream out, double scale) {
        super(out, scale);
    }

    // async def main()
    Void main0() {
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("hello");
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
        Scale.main(args, RunMain::new);
    }
}
