package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.StopIteration;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 4, "next，send，close，throw" (throw): {@code throwInto(e)} raises {@code e} at the paused {@code yield};
 * the generator catches it (Python's ValueError is Java's IllegalArgumentException) and ends, so the call itself
 * ends in StopIteration — which the tutorial's program does not show because it stops there.
 */
public final class GeneratorThrow extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public GeneratorThrow(PrintStream out, double scale) {
        super(out, scale);
    }

    Generator<Integer, Integer> myGenerator(int max) {
        return Generator.of(g -> {
            try {
                int n = 0;
                while (n < max) {
                    int m = g.yield(n);
                    n = m;
                }
            } catch (IllegalArgumentException e) {
                print("ValueError");
            }
        });
    }

    @Override
    public void main() {
        Generator<Integer, Integer> g = myGenerator(100);
        print(g.send(null));  // 0
        print(g.send(4));     // 4
        try {
            g.throwInto(new IllegalArgumentException());  // ValueError
        } catch (StopIteration e) {
            print("the generator ended:", g.state());
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, GeneratorThrow::new);
    }
}
