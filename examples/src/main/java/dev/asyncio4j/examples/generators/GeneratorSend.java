package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.StopIteration;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 4, "next，send，close，throw" (send): {@code send(v)} resumes the generator with {@code v} as the value of
 * the paused {@code yield} expression and returns the next yielded value; {@code send(null)} starts it like
 * {@code next()}. The tutorial's comments get two values wrong: with {@code n += m} and max 10, {@code send(8)} makes
 * n 12, the loop ends and the generator returns, so the call raises StopIteration (its comment says 8); with
 * {@code n = m} the values are 0, 4, 8 (its comment says 12). This program prints what really happens.
 */
public final class GeneratorSend extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public GeneratorSend(PrintStream out, double scale) {
        super(out, scale);
    }

    Generator<Integer, Integer> accumulating(int max) {
        return Generator.of(g -> {
            int n = 0;
            while (n < max) {
                int m = g.yield(n);
                n += m;
            }
        });
    }

    Generator<Integer, Integer> replacing(int max) {
        return Generator.of(g -> {
            int n = 0;
            while (n < max) {
                int m = g.yield(n);
                n = m;
            }
        });
    }

    @Override
    public void main() {
        try (Generator<Integer, Integer> g = accumulating(10)) {
            print(g.next());    // 0
            print(g.send(4));   // 4
            try {
                print(g.send(8));
            } catch (StopIteration e) {
                print("StopIteration: n became 12, the loop ended and the generator returned");
            }
        }
        print("-".repeat(10));
        try (Generator<Integer, Integer> g = replacing(100)) {
            // g.send(null) == next(g)
            print(g.send(null));  // 0
            print(g.send(4));     // 4
            print(g.send(8));     // 8
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, GeneratorSend::new);
    }
}
