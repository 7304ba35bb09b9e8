package dev.asyncio4j.examples;

import java.util.Locale;

/** Reads the {@code --scale X} option every program's {@code main} accepts. */
public final class Scale {
    private Scale() {
    }

    /**
     * Finds {@code --scale X} (or {@code --scale=X}) in {@code args}.
     *
     * @param args the command line
     * @return the scale, {@code 1.0} when absent
     * @throws IllegalArgumentException when the value is missing, not a number or not positive
     */
    public static double parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--scale")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--scale needs a value, for example --scale 0.1");
                }
                value = args[i + 1];
            } else if (args[i].startsWith("--scale=")) {
                value = args[i].substring("--scale=".length());
            }
            if (value != null) {
                return check(value);
            }
        }
        return 1.0;
    }

    /**
     * Runs a program from its {@code main}: on {@code System.out}, at the scale given on the command line.
     *
     * @param args    the command line
     * @param program the program
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args, Program program) throws Exception {
        program.run(System.out, parse(args));
    }

    private static double check(String value) {
        double scale;
        try {
            scale = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale wants a number such as 0.1, got '" + value + "'");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--scale must be a positive number (1 = the tutorial's timing), got %s", value));
        }
        return scale;
    }
}
