package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Tutorial 2, "2.2.3 休眠: sleep()": print the date once a second for 5 seconds, timed with the loop's own clock
 * ({@code loop.time()}).
 */
public final class DisplayDate extends TutorialProgram {
    private static final DateTimeFormatter PYTHON_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public DisplayDate(PrintStream out, double scale) {
        super(out, scale);
    }

    Void displayDate() {
        EventLoop loop = Asyncio.getRunningLoop();
        double endTime = loop.time() + scaled(5.0);
        while (true) {
            print(LocalDateTime.now().format(PYTHON_STYLE) + scaleNote());  // print(datetime.datetime.now())
            if ((loop.time() + scaled(1.0)) >= endTime) {
                break;
            }
            Asyncio.await(Asyncio.sleep(scaled(1)));
        }
        return null;
    }

    @Override
    public void main() {
        Asyncio.run(this::displayDate);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, DisplayDate::new);
    }
}
