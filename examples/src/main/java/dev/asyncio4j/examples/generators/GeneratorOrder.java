package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 4, "生成器的执行顺序": a generator runs up to its {@code yield}, pauses there, and resumes right after it on
 * the next {@code next()} — it does not start over.
 */
public final class GeneratorOrder extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public GeneratorOrder(PrintStream out, double scale) {
        super(out, scale);
    }

    Generator<Integer, Void> myGenerator(int max) {
        return Generator.of(g -> {
            int n = 0;
            while (n <= max) {
                print("before yield");
                g.yield(n);
                print("after yield");
                n += 1;
            }
        });
    }

    @Override
    public void main() {
        try (Generator<Integer, Void> g = myGenerator(10)) {
            print(g.next());
            print("=".repeat(10));
            print(g.next());
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, GeneratorOrder::new);
    }
}
