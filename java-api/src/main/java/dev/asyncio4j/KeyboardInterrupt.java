package dev.asyncio4j;

/**
 * Ctrl+C (SIGINT) ended {@link Asyncio#run}: Python's {@code KeyboardInterrupt}.
 *
 * <p>While {@code Asyncio.run} waits for its main Task, the first Ctrl+C cancels that Task; once it has finished
 * cancelled, the leftover Tasks have been cancelled and drained (their {@code finally} blocks ran) and the loop is
 * closed, {@code Asyncio.run} throws this exception. A second Ctrl+C, while the main Task is still winding down, does
 * what Ctrl+C does in any JVM: it exits at once (status 130, shutdown hooks run).
 *
 * <p>The exception may be caught like any other. If nothing catches it and it ends the thread that called
 * {@code Asyncio.run}, the JVM exits with status 130 (128 + SIGINT, what a shell reports for a program ended by
 * Ctrl+C) after printing one line to standard error, as a Python program ended by Ctrl+C would.
 */
public class KeyboardInterrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The exit status of a program ended by Ctrl+C.
     */
    public static final int EXIT_STATUS = 130;

    /**
     * A KeyboardInterrupt with a message.
     *
     * @param message what was interrupted
     */
    public KeyboardInterrupt(String message) {
        super(message);
    }
}
