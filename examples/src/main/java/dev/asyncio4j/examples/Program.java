package dev.asyncio4j.examples;

import java.io.PrintStream;

/**
 * The body of one example program: it prints to {@code out} and multiplies every tutorial duration (sleeps, server
 * delays) by {@code scale}, so the same program runs at the tutorial's pace ({@code 1.0}), as a short tour
 * ({@code 0.2}) or inside a test ({@code 0.01}). CPU work is never scaled.
 */
@FunctionalInterface
public interface Program {
    /**
     * Runs the program to its end on the calling thread.
     *
     * @param out   where the program prints
     * @param scale the time scale, {@code > 0}
     * @throws Exception whatever the program lets escape
     */
    void run(PrintStream out, double scale) throws Exception;
}
