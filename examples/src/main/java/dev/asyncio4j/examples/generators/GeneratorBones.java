package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Generator;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 1, "协程的实现方法": coroutines before async/await — a producer drives two consumer generators with
 * {@code send}, one bone at a time. Everything runs on one thread, in strict turns. The tutorial's ANSI colours
 * appear on a terminal only.
 */
public final class GeneratorBones extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public GeneratorBones(PrintStream out, double scale) {
        super(out, scale);
    }

    Generator<Void, Integer> consumer(String name) {
        return Generator.of(g -> {
            print("about to start gnawing bones...");
            while (true) {
                print(coloured("31;1", "[consumer] " + name) + " ");   // "\033[31;1m[consumer] %s\033[0m " % name
                Integer bone = g.yield(null);
                print("[" + name + "] is gnawing bone " + bone);
            }
        });
    }

    void producer(Generator<Void, Integer> obj1, Generator<Void, Integer> obj2) {
        obj1.send(null);   // start obj1; the first send must be None  <==> obj1.__next__()
        obj2.send(null);   // start obj2
        int n = 0;
        while (n < 5) {
            n += 1;
            print(coloured("32;1", "[producer]") + " producing bone " + n);
            obj1.send(n);
            obj2.send(n);
        }
    }

    @Override
    public void main() {
        // Python closes a suspended generator when it is garbage-collected; Java says so explicitly.
        try (Generator<Void, Integer> con1 = consumer("consumer A");
             Generator<Void, Integer> con2 = consumer("consumer B")) {
            producer(con1, con2);
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, GeneratorBones::new);
    }
}
