package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode's slow-callback report names the Task whose step was slow (CPython names the Task for its step and
 * wake-up callbacks), not the Future whose completion woke it nor another Task (issue 11).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DebugSlowStepTest {
    /** How long the slow step takes (at least): longer than any step of these programs takes on a loaded machine. */
    private static final double SLOW_STEP_SECONDS = 1.0;

    private static void slowStep() throws InterruptedException {
        Thread.sleep((long) (SLOW_STEP_SECONDS * 1000));
    }

    /** The duration a report gives, from its "took X seconds". */
    private static double tookSeconds(String report) {
        Matcher m = Pattern.compile("took ([0-9.]+) seconds").matcher(report);
        assertTrue(m.find(), "no duration in " + report);
        return Double.parseDouble(m.group(1));
    }

    /** Runs a debug-mode program whose Task 'slow-step' is slow right after awaiting what {@code awaited} gives. */
    private static List<String> slowReportsAfterAwaiting(Supplier<Future<?>> awaited) {
        List<String> reports = captureSlowReports(() -> Asyncio.run(() -> {
            Asyncio.await(Asyncio.createTask(() -> {
                Asyncio.await(awaited.get());
                slowStep();
                return null;
            }, "slow-step"));
            return null;
        }, true));
        assertTrue(reports.stream().anyMatch(m -> m.contains("slow-step")), "no report names the slow Task: " + reports);
        return reports;
    }

    @Test
    void aSlowJavaStepAfterASleepIsBlamedOnItsTask() {
        slowReportsAfterAwaiting(() -> Asyncio.sleep(0.01));
    }

    @Test
    void aSlowJavaStepAfterAwaitingAnotherTaskIsBlamedOnItsTaskNotTheOther() {
        List<String> reports = slowReportsAfterAwaiting(() -> Asyncio.createTask(() -> null, "quick-other"));
        // A loaded machine may make the quick Task's own step slow enough to report (that report is right); the slow
        // step's time must never be blamed on it.
        assertTrue(reports.stream().noneMatch(m -> m.contains("quick-other") && !m.contains("slow-step")
                && tookSeconds(m) >= SLOW_STEP_SECONDS), "the awaited Task was blamed: " + reports);
    }

    @Test
    void aSlowFirstStepIsBlamedOnItsTask() {
        List<String> reports = captureSlowReports(() -> Asyncio.run(() -> {
            Asyncio.await(Asyncio.createTask(() -> {
                slowStep();
                return null;
            }, "slow-step"));
            return null;
        }, true));
        assertTrue(reports.stream().anyMatch(m -> m.contains("slow-step")), "no report names the slow Task: " + reports);
    }

    private static List<String> captureSlowReports(Runnable action) {
        Logger logger = Logger.getLogger("dev.asyncio4j");
        List<String> records = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String m = record.getMessage();
                if (m != null && m.startsWith("Executing")) {
                    records.add(m);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return records;
    }
}
