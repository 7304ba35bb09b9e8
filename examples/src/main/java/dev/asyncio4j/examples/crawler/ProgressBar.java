package dev.asyncio4j.examples.crawler;

import java.io.PrintStream;

/**
 * A one-line terminal progress bar ({@code \r[#####-----]  512/1000}), redrawn only when the shown percentage moves.
 * Not thread-safe: drive it from one thread, for example from done-callbacks on an event loop.
 */
final class ProgressBar {
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final int total;
    private int done;
    private int shownPercent = -1;

    ProgressBar(PrintStream out, int total) {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be positive, got " + total);
        }
        this.out = out;
        this.total = total;
        draw();
    }

    /** Counts one more finished item. */
    void advance() {
        done++;
        draw();
    }

    /** Ends the bar's line. */
    void finish() {
        out.println();
    }

    private void draw() {
        int percent = done * 100 / total;
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = done * WIDTH / total;
        String digits = String.valueOf(total);
        out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%" + digits.length() + "d/%s %3d%%", done, digits, percent));
        out.flush();
    }
}
