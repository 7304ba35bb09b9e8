package dev.asyncio4j.examples;

import java.io.PrintStream;

/**
 * Makes one run of a program: {@code CrawlerAsync::new}. The program prints to {@code out} and multiplies every
 * tutorial duration (sleeps, server delays) by {@code scale}, so the same program runs at the tutorial's pace
 * ({@code 1.0}), as a short tour stop ({@code 0.2}) or inside a test ({@code 0.05}).
 */
@FunctionalInterface
public interface ProgramFactory {
    /**
     * @param out   where the program prints
     * @param scale the time scale, {@code > 0}
     * @return a program ready to {@link TutorialProgram#main() run}
     */
    TutorialProgram create(PrintStream out, double scale);
}
