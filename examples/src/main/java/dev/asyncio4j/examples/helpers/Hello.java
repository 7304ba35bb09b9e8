package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/** Tutorial 2, "2.1 协程": print hello, wait 1 s, print python — the smallest asyncio.run program. */
public final class Hello extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public Hello(PrintStream out, double scale) {
        super(out, scale);
    }

    Void demo1() {
        print("hello");
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("python");
        return null;
    }

    @Override
    public void main() {
        Asyncio.run(this::demo1);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, Hello::new);
    }
}
