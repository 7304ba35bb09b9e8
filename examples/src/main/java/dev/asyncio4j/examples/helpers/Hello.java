package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/** Tutorial 2, "2.1 协程": print hello, wait 1 s, print python — the smallest asyncio.run program. */
public final class Hello extends TutorialProgram {
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

    public static void main(String[] args) throws Exception {
        Scale.main(args, (out, scale) -> new Hello(out, scale).main());
    }
}
