package dev.asyncio4j.consumer;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;

/** The README's Java program, run from the module path; prints what it awaited and where the runtime came from. */
public final class Main {
    private Main() {}

    /**
     * Runs the program.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String greeting = Asyncio.run(() -> {
            Task<String> world = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.01));
                return "world";
            });
            return "hello " + Asyncio.await(world)
                    + " (loop from module " + Asyncio.getRunningLoop().getClass().getModule().getName() + ")";
        });
        System.out.println(greeting);
    }
}
