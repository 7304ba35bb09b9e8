package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.List;

/**
 * Tutorial 1, "协程的停止": Ctrl+C while three tasks (1 s, 2 s, 2 s) run cancels every task that is still pending.
 *
 * <p>Python sees Ctrl+C as a {@code KeyboardInterrupt} thrown out of {@code run_until_complete}; on the JVM Ctrl+C is
 * the INT signal, and {@code loop.addSignalHandler("INT", ...)} runs our callback on the loop, where it may cancel
 * tasks safely. So that the program also runs unattended (tour, tests), it presses Ctrl+C itself after 1.5 s.
 */
public final class CancelOnCtrlC extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CancelOnCtrlC(PrintStream out, double scale) {
        super(out, scale);
    }

    String doSomeWork(int x) {
        print("Waiting:", x);
        Asyncio.await(Asyncio.sleep(scaled(x)));
        return "Done after " + x + "s";
    }

    @Override
    public void main() {
        EventLoop loop = Asyncio.newEventLoop();
        List<Task<String>> tasks = List.of(
                loop.createTask(() -> doSomeWork(1)),
                loop.createTask(() -> doSomeWork(2)),
                loop.createTask(() -> doSomeWork(2)));

        double start = now();
        loop.addSignalHandler("INT", () -> {            // except KeyboardInterrupt:
            print("^C  (simulated: the program sent itself SIGINT, the signal Ctrl+C in a terminal sends)");
            print(Asyncio.allTasks(loop));
            for (Task<?> task : Asyncio.allTasks(loop)) {
                print(task.cancel());
            }
        });
        pressCtrlCAfter(loop, scaled(1.5));
        try {
            loop.runUntilComplete(() -> Asyncio.await(Asyncio.wait(tasks)));
        } catch (CancelledError interrupted) {
            loop.stop();                                // one more loop pass lets the cancelled tasks finish
            loop.runForever();
        } finally {
            loop.removeSignalHandler("INT");
            loop.close();
        }
        print("Time:", seconds(now() - start));
        print(tasks);
    }

    /**
     * Stands in for the user's finger: raises SIGINT in this process, exactly what Ctrl+C in a terminal does. A timer
     * of the loop, so it dies with the loop if the program ends first. {@code sun.misc.Signal} (module
     * jdk.unsupported) is reached by reflection: javac warns about every direct use of it, and no public JDK API
     * raises a signal.
     */
    private static void pressCtrlCAfter(EventLoop loop, double seconds) {
        loop.callLater(seconds, () -> {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                signal.getMethod("raise", signal).invoke(null, signal.getConstructor(String.class).newInstance("INT"));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot raise SIGINT on this JVM: press Ctrl+C yourself", e);
            }
        });
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, CancelOnCtrlC::new);
    }
}
