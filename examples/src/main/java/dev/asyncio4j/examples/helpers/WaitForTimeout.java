package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.TimeoutError;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 2, "2.2.6 超时: wait_for()": wait at most 1 s for a coroutine that would sleep an hour; wait_for cancels it
 * and raises TimeoutError.
 */
public final class WaitForTimeout extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public WaitForTimeout(PrintStream out, double scale) {
        super(out, scale);
    }

    Void eternity() {
        // Sleep for one hour
        Asyncio.await(Asyncio.sleep(scaled(3600)));
        print("yay!");
        return null;
    }

    Void main0() {
        // Wait for at most 1 second
        try {
            Asyncio.await(Asyncio.waitFor(Asyncio.createTask(this::eternity), scaled(1.0)));
        } catch (TimeoutError e) {
            print("timeout!");
        }
        return null;
    }

    @Override
    public void main() {
        Asyncio.run(this::main0);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, WaitForTimeout::new);
    }
}
