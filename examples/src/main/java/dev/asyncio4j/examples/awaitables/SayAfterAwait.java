package dev.asyncio4j.examples.awaitables;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Tutorial 3, "Task" (first program): awaiting two coroutines one after the other is sequential — "started at" and
 * "finished at" are 3 s apart (1 s + 2 s), which is why the tutorial goes on to {@code create_task}
 * ({@code say-after-gather}).
 */
public final class SayAfterAwait extends TutorialProgram {
    private static final DateTimeFormatter X = DateTimeFormatter.ofPattern("HH:mm:ss");  // strftime('%X')

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public SayAfterAwait(PrintStream out, double scale) {
        super(out, scale);
    }

    // async def say_after(delay, what)
    Void sayAfter(double delay, String what) {
        Asyncio.await(Asyncio.sleep(scaled(delay)));
        print(what);
        return null;
    }

    // async def main()
    Void main0() {
        print("started at " + LocalTime.now().format(X));

        sayAfter(1, "hello zhangsan");   // await say_after(1, 'hello zhangsan'): runs it to its end
        sayAfter(2, "hello lisi");

        print("finished at " + LocalTime.now().format(X) + scaleNote());
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
        Scale.main(args, SayAfterAwait::new);
    }
}
