package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 4, "next，send，close，throw" ({@code getgeneratorstate}): a new generator is CREATED and has run nothing;
 * {@code next()} runs it to its first yield (SUSPENDED); inside its body it is RUNNING; {@code close()} ends it
 * (CLOSED). Python's {@code inspect.getgeneratorstate(g)} says {@code GEN_CREATED} where Java's {@code g.state()} says
 * {@code CREATED}: each line prints both.
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
                print("inside the body:", getgeneratorstate(g));
                y.yield(n);
                n += 1;
            }
        });
    }

    /** Python's {@code inspect.getgeneratorstate(g)}, then Java's: {@code GEN_CREATED (GeneratorState.CREATED)}. */
    static String getgeneratorstate(Generator<?, ?> generator) {
        return "GEN_" + generator.state() + " (GeneratorState." + generator.state() + ")";
    }

    @Override
    public void main() {
        g = myGenerator(10);
        print(getgeneratorstate(g));  // GEN_CREATED
        print(g.next());
        print(getgeneratorstate(g));  // GEN_SUSPENDED
        g.close();
        print(getgeneratorstate(g));  // GEN_CLOSED
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, GeneratorStates::new);
    }
}
