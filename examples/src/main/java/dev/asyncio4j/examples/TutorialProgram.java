package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.util.StringJoiner;

/**
 * What every ported program shares: where it prints, its time scale, and Python's {@code print} and
 * {@code time.sleep}, so the Java reads line for line against the tutorial's Python.
 *
 * <p>A program is an instance of a subclass: the Python module's {@code async def} functions become methods (a Java
 * coroutine body calls them directly, which is Python's {@code await coro()}), and its top-level code becomes
 * {@code main()}. Instances are used by one run on one thread at a time; {@link #print} may be called from any
 * thread.
 */
public abstract class TutorialProgram {
    /** Where the program prints. */
    protected final PrintStream out;
    /** The factor applied to every tutorial duration. */
    protected final double scale;

    /**
     * @param out   where the program prints
     * @param scale the time scale, {@code > 0}
     */
    protected TutorialProgram(PrintStream out, double scale) {
        this.out = out;
        this.scale = scale;
    }

    /**
     * Runs the program.
     *
     * @throws Exception whatever the program lets escape
     */
    public abstract void main() throws Exception;

    /**
     * Python's {@code print(a, b, ...)}: the parts joined by single spaces, then a line break. Thread-safe.
     *
     * @param parts what to print; {@code null} prints {@code None} as Python would
     */
    protected void print(Object... parts) {
        StringJoiner line = new StringJoiner(" ");
        for (Object part : parts) {
            line.add(part == null ? "None" : String.valueOf(part));
        }
        out.println(line);
    }

    /**
     * A tutorial duration at this run's scale: {@code Asyncio.sleep(scaled(2))} is the tutorial's
     * {@code asyncio.sleep(2)}.
     *
     * @param tutorialSeconds the duration the tutorial uses
     * @return the duration to use now, in seconds
     */
    protected double scaled(double tutorialSeconds) {
        return tutorialSeconds * scale;
    }

    /**
     * Python's {@code time.sleep(seconds)} at this run's scale: blocks the calling thread (and so, when called from a
     * coroutine body, the whole event loop — which is what the tutorials warn about).
     *
     * @param tutorialSeconds the duration the tutorial uses
     * @throws IllegalStateException when the thread is interrupted (the interrupt flag is kept)
     */
    protected void timeSleep(double tutorialSeconds) {
        try {
            Thread.sleep(Math.round(scaled(tutorialSeconds) * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
    }
}
