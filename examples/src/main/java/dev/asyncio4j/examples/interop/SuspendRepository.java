package dev.asyncio4j.examples.interop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import dev.asyncio4j.kotlin.Suspend;
import java.io.PrintStream;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Beyond the tutorials: the seam of a mixed Kotlin/Java code base. A Kotlin interface with {@code suspend} methods
 * ({@link UserStore}) is implemented in Java ({@link InMemoryUserStore}, each lookup 1 s), Kotlin code uses it
 * ({@link Greeter}, two lookups at once), and Java calls the Kotlin code: {@link Suspend#await} inside a Java Task,
 * {@link Suspend#task} for a Task of its own. Then an exception and a cancellation cross the seam both ways.
 */
public final class SuspendRepository extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = one lookup takes 1 s)
     */
    public SuspendRepository(PrintStream out, double scale) {
        super(out, scale);
    }

    Void main0() {
        Asyncio.currentTask().setName("main");
        UserStore store = new InMemoryUserStore(scaled(1), this::print);
        Greeter greeter = new Greeter(store);
        double start = Asyncio.getRunningLoop().time();

        // Java awaits Kotlin, which awaits Java twice at once: 1 s, not 2.
        String greeting = Suspend.await(c -> greeter.greet(1, 2, c));
        print("main:", greeting);

        // A Kotlin call as a Task of its own; Java awaits it like any Task.
        Task<List<User>> all = Suspend.task(c -> store.users(List.of(3, 1), c), "lookup-task");
        print("main: got", Asyncio.await(all));

        // The Java body's exception reaches Kotlin as thrown, and comes back to Java as it was.
        try {
            Suspend.await(c -> greeter.greet(1, 99, c));
        } catch (NoSuchElementException e) {
            print("main: Kotlin passed the Java exception on:", e.getMessage());
        }

        // Cancelling the Kotlin call cancels the Java body it waits for.
        Task<String> slow = Suspend.task(c -> greeter.greet(2, 3, c), "greet-task");
        Asyncio.await(Asyncio.sleep(scaled(0.5)));
        slow.cancel();
        try {
            Asyncio.await(slow);
        } catch (CancelledError e) {
            print("main:", slow);
        }
        print("main: done in", seconds(Asyncio.getRunningLoop().time() - start));
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
        Scale.main(args, SuspendRepository::new);
    }
}
