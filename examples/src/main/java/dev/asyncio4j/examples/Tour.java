package dev.asyncio4j.examples;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Task;

/**
 * The examples jar's entry point: {@code list} shows the programs, {@code run NAME} runs one, no argument runs the
 * guided tour.
 */
public final class Tour {
    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args {@code list}, {@code run NAME}, or nothing
     */
    public static void main(String[] args) {
        String greeting = Asyncio.run(() -> {
            Task<String> hello = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.sleep(0.1));
                return "hello";
            });
            System.out.println("created " + hello);
            String word = Asyncio.await(hello);
            System.out.println("finished " + hello);
            return word + " world";
        });
        System.out.println(greeting);
    }
}
