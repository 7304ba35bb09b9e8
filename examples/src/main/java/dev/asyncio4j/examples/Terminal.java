package dev.asyncio4j.examples;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal (colours, redrawn lines) or a pipe or file (plain text). */
public final class Terminal {
    private static final boolean STDOUT_IS_TERMINAL = detect();

    private Terminal() {
    }

    /**
     * Decided once per JVM: {@code NO_COLOR} or {@code TERM=dumb} say no; otherwise a console must exist and, on
     * JDK 22+ (where {@code System.console()} exists even when output is redirected), {@code Console.isTerminal()}
     * must say yes.
     *
     * @return true when {@code System.out} is an interactive terminal
     */
    public static boolean stdoutIsTerminal() {
        return STDOUT_IS_TERMINAL;
    }

    private static boolean detect() {
        if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Console console = System.console();   // JDK 17-21: null unless stdin and stdout are both a terminal
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");  // JDK 22+
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException before22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
