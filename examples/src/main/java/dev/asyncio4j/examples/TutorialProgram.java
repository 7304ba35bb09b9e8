package dev.asyncio4j.examples;

import dev.asyncio4j.Coroutine;
import java.io.PrintStream;
import java.util.Locale;
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
     * Formats a measured time the way the programs print it: {@code "3.003"} at the tutorial's pace; at another
     * scale the same line also says the scale, {@code "1.501 (--scale 0.5: one tutorial second lasts 0.5 s)"}, so a
     * printed time is never read as tutorial seconds.
     *
     * @param elapsed measured seconds
     * @return the text to print
     */
    protected String seconds(double elapsed) {
        return String.format(Locale.ROOT, "%.3f", elapsed) + scaleNote();
    }

    /**
     * What to add to a line that shows a time (an elapsed time, or a clock time such as {@code strftime('%X')}):
     * nothing at the tutorial's pace, else a note of the scale, so the time is not read as tutorial seconds.
     *
     * @return {@code ""} or {@code " (--scale 0.5: one tutorial second lasts 0.5 s)"}
     */
    protected String scaleNote() {
        return scale == 1.0 ? "" : " (--scale " + Scale.format(scale) + ": one tutorial second lasts "
                + Scale.format(scale) + " s)";
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

    /**
     * Whether this program prints straight to a terminal, where colours and redrawn lines make sense. False when
     * it prints anywhere else (a pipe, a file, a test's buffer), so logs never hold escape sequences.
     *
     * @return true only for {@code System.out} attached to a terminal
     */
    protected boolean printsToTerminal() {
        return out == System.out && Terminal.stdoutIsTerminal();
    }

    /**
     * Python's {@code "\033[31;1m%s\033[0m" % text}: the text in an ANSI colour on a terminal, the bare text
     * anywhere else.
     *
     * @param ansiCode the SGR code, for example {@code "31;1"} (bold red)
     * @param text     what to print
     * @return the text, coloured only when printing to a terminal
     */
    protected String coloured(String ansiCode, String text) {
        return printsToTerminal() ? "\u001B[" + ansiCode + "m" + text + "\u001B[0m" : text;
    }

    /**
     * A coroutine object as Python shows one: calling an {@code async def} function gives an object that has run
     * nothing yet. {@code coroutine("execute", () -> execute(1))} prints as
     * {@code <coroutine object execute at 0x1b6d3586>} (the hex number is the object's identity hash, where Python
     * shows its address); running it runs the body.
     *
     * @param name the Python function's name
     * @param body what running the coroutine does
     * @param <T>  the result type
     * @return a Coroutine with a Python-like {@code toString()}
     */
    protected static <T> Coroutine<T> coroutine(String name, Coroutine<T> body) {
        return new Coroutine<>() {
            @Override
            public T run() throws Exception {
                return body.run();
            }

            @Override
            public String toString() {
                return "<coroutine object " + name + " at 0x" + Integer.toHexString(System.identityHashCode(this))
                        + ">";
            }
        };
    }
}
