package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 2, "2.2.5 防止取消操作: shield()" and the note in 2.2.6: {@code res = await shield(something())} protects
 * {@code something()} from the cancellation of whoever awaits it — a cancelled caller, or a wait_for that timed out.
 * The tutorial shows only that one line; this program shows both cases around it.
 */
public final class Shield extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public Shield(PrintStream out, double scale) {
        super(out, scale);
    }

    String something() {
        Asyncio.await(Asyncio.sleep(scaled(2)));
        print("something() finished its 2 s of work");
        return "something's result";
    }

    Void main0() {
        // 1. The caller is cancelled after 1 s; the shielded work is not.
        Task<String> work = Asyncio.createTask(this::something, "something");
        Task<String> caller = Asyncio.createTask(() -> {
            String res = Asyncio.await(Asyncio.shield(work));
            return "caller got " + res;
        }, "caller");
        Asyncio.await(Asyncio.sleep(scaled(1)));
        caller.cancel();
        try {
            Asyncio.await(caller);
        } catch (CancelledError e) {
            print("caller cancelled:", caller.isCancelled(), "- something() cancelled:", work.isCancelled());
        }
        print("res =", Asyncio.await(work));

        // 2. wait_for gives up after 1 s; without shield() it would cancel something(), with shield() it does not.
        Task<String> again = Asyncio.createTask(this::something, "something-again");
        try {
            Asyncio.await(Asyncio.waitFor(Asyncio.shield(again), scaled(1)));
        } catch (TimeoutError e) {
            print("timeout! - something() cancelled:", again.isCancelled());
        }
        print("res =", Asyncio.await(again));
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
        Scale.main(args, Shield::new);
    }
}
