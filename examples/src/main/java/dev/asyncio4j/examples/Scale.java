package dev.asyncio4j.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --scale X} option every command and every program's own {@code main} accepts: X multiplies every
 * duration the tutorial uses ({@code 1} = the tutorial's pace, {@code 0.1} = ten times faster).
 */
public final class Scale implements ITypeConverter<Double> {
    /** The text picocli shows for the option. */
    static final String HELP = "multiplies every duration the tutorial uses: 1 = the tutorial's pace, "
            + "0.1 = ten times faster (default: ${DEFAULT-VALUE})";

    /**
     * Reads a scale, for picocli.
     *
     * @param value the option's text
     * @return the scale
     * @throws TypeConversionException when it is not a positive finite number (picocli reports it as a usage error)
     */
    @Override
    public Double convert(String value) {
        double scale;
        try {
            scale = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("wants a number such as 0.1, got '" + value + "'");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new TypeConversionException(
                    "must be a positive number (1 = the tutorial's pace, 0.1 = ten times faster), got " + value);
        }
        return scale;
    }

    /**
     * Formats a scale the way a user would type it.
     *
     * @param scale the scale
     * @return for example {@code "0.5"} or {@code "1"}
     */
    public static String format(double scale) {
        BigDecimal rounded = new BigDecimal(scale).round(new MathContext(6));   // 0.7 / 10 prints as 0.07
        return rounded.stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs a program from its own class's {@code main}: on {@code System.out}, at the scale given on the command line
     * ({@code --scale X}, or {@code --help}); exits with status 2 on a usage error.
     *
     * @param args    the command line
     * @param factory the program
     */
    public static void main(String[] args, ProgramFactory factory) {
        int status = new CommandLine(new OneProgram(factory, System.out)).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Command(name = "java <program class>", mixinStandardHelpOptions = true, version = "asyncio4j examples",
            description = "Runs this one tutorial program (all of them: java -jar asyncio4j-examples.jar list).")
    static final class OneProgram implements Callable<Integer> {
        private final ProgramFactory factory;
        private final PrintStream out;

        @Option(names = "--scale", paramLabel = "X", defaultValue = "1", converter = Scale.class, description = HELP)
        double scale;

        OneProgram(ProgramFactory factory, PrintStream out) {
            this.factory = factory;
            this.out = out;
        }

        @Override
        public Integer call() throws Exception {
            Warmup.runtime();
            factory.create(out, scale).main();
            return 0;
        }
    }
}
