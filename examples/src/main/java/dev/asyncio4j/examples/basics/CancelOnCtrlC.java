package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
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
    /** How long a raised SIGINT may take to reach the loop on a loaded machine before we stop waiting for it. */
    private static final double SIGNAL_DELIVERY_SECONDS = 10;

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
        Future<Void> ctrlCHandled = loop.createFuture();
        loop.addSignalHandler("INT", () -> {            // except KeyboardInterrupt:
            if (!ctrlCHandled.isDone()) ctrlCHandled.setResult(null);
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
            awaitSimulatedCtrlC(loop, ctrlCHandled);
            loop.removeSignalHandler("INT");
            loop.close();
        }
        print("Time:", seconds(now() - start));
        print(tasks);
    }

    /**
     * A signal reaches the loop a moment after it is raised (the JVM hands it to a thread of its own first). On a
     * very busy machine every task may finish in that moment: then the SIGINT must still find our handler, or the
     * JVM's own would end the whole process with status 130 once the handler is removed.
     */
    private static void awaitSimulatedCtrlC(EventLoop loop, Future<Void> handled) {
        if (handled.isDone()) return;
        try {
            loop.runUntilComplete(() -> Asyncio.await(Asyncio.waitFor(handled, SIGNAL_DELIVERY_SECONDS)));
        } catch (TimeoutError neverCame) {
            // SIGINT is ignored in this process (started in the background): nothing is on its way
        }
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
