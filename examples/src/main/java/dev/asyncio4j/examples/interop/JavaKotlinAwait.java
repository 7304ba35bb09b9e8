package dev.asyncio4j.examples.interop;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Beyond the tutorials, as the README promises: Java and Kotlin Tasks are the same kind of Task, so each awaits the
 * other. A Java Task works for 1 s; a Kotlin Task ({@link KotlinTasks#replyTo}) awaits it, then works for 1 s; the
 * Java main Task awaits the Kotlin one: 2 s in all, one loop, one thread at a time. Then cancellation crosses too:
 * cancelling the Kotlin Task cancels the Java Task it is waiting for, as a Python Task cancels what it awaits.
 */
public final class JavaKotlinAwait extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public JavaKotlinAwait(PrintStream out, double scale) {
        super(out, scale);
    }

    String javaWork(int seconds, String result) {
        print("Java task: working for", seconds, "s");
        Asyncio.await(Asyncio.sleep(scaled(seconds)));
        print("Java task: done");
        return result;
    }

    Void main0() {
        Task<String> javaTask = Asyncio.createTask(() -> javaWork(1, "hello from Java"), "java-task");
        Task<String> kotlinTask = KotlinTasks.replyTo(javaTask, scaled(1), this::print);  // Kotlin awaits Java
        String reply = Asyncio.await(kotlinTask);                                           // Java awaits Kotlin
        print("Java main: got", reply);
        print(javaTask);
        print(kotlinTask);

        Task<String> slowJava = Asyncio.createTask(() -> javaWork(60, "never"), "slow-java-task");
        Task<String> waitingKotlin = KotlinTasks.replyTo(slowJava, 0, this::print);
        Asyncio.await(Asyncio.sleep(scaled(0.5)));
        waitingKotlin.cancel();
        try {
            Asyncio.await(slowJava);
        } catch (CancelledError expected) {
            print("Java main: cancelled the Kotlin task; the Java task it awaited is cancelled too:",
                    slowJava.isCancelled());
        }
        print(waitingKotlin);
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
        Scale.main(args, JavaKotlinAwait::new);
    }
}
