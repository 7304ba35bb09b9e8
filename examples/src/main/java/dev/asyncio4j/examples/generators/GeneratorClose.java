package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.StopIteration;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 4, "next，send，close，throw" (close): after {@code close()} a generator is finished, and sending to it
 * raises StopIteration. The tutorial's program dies with that traceback; this one catches the exception and prints
 * what the JVM would have printed about it: the exception and the program's own frame.
 */
public final class GeneratorClose extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public GeneratorClose(PrintStream out, double scale) {
        super(out, scale);
    }

    Generator<Integer, Integer> myGenerator(int max) {
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
        Generator<Integer, Integer> g = myGenerator(100);
        print(g.send(null));
        print(g.send(4));
        g.close();
        try {
            print(g.send(8));
        } catch (StopIteration e) {
            print("Exception in thread \"main\"", e);
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().equals(GeneratorClose.class.getName())) {
                    print("\tat", frame);
                }
            }
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, GeneratorClose::new);
    }
}
