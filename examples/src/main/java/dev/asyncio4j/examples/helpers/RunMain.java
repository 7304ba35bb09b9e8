package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 2, "2.2.1 运行 asyncio 程序: run()": asyncio.run(main()) makes a loop, runs main to its end, cancels what is
 * left, shuts the default executor down and closes the loop; it returns main's result.
 */
public final class RunMain extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public RunMain(PrintStream out, double scale) {
        super(out, scale);
    }

    String main0() {
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("hello");
        return "main's result";
    }

    @Override
    public void main() {
        String result = Asyncio.run(this::main0);
        print("asyncio.run returned:", result);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, (out, scale) -> new RunMain(out, scale).main());
    }
}
