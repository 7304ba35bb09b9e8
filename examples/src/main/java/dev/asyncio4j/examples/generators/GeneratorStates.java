package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 4, "next，send，close，throw" ({@code getgeneratorstate}): a new generator is CREATED and has run nothing;
 * {@code next()} runs it to its first yield (SUSPENDED); inside its body it is RUNNING; {@code close()} ends it
 * (CLOSED).
 */
public final class GeneratorStates extends TutorialProgram {
    private Generator<Integer, Void> g;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public GeneratorStates(PrintStream out, double scale) {
        super(out, scale);
    }

    Generator<Integer, Void> myGenerator(int max) {
        return Generator.of(y -> {
            int n = 0;
            while (n <= max) {
                print("inside the body:", g.state());
                y.yield(n);
                n += 1;
            }
        });
    }

    @Override
    public void main() {
        g = myGenerator(10);
        print(g.state());  // getgeneratorstate(g): GEN_CREATED
        print(g.next());
        print(g.state());  // GEN_SUSPENDED
        g.close();
        print(g.state());  // GEN_CLOSED
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, (out, scale) -> new GeneratorStates(out, scale).main());
    }
}
