package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loops' JFR events: slow steps and callbacks with the defaults, Task created/finished when enabled. */
class LoopEventsTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedChildJvmShowsTheTwoHundredMillisecondStepWithItsTasksName() throws Exception {
        Path jfr = dir.resolve("child.jfr");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true",
                "-cp", System.getProperty("java.class.path"), JfrChild.class.getName());
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish");
        assertEquals(0, child.exitValue(), Files.readString(out));
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<RecordedEvent> slowSteps = byName(events, "dev.asyncio4j.SlowStep");
        // Other steps may be slow too on a loaded machine (the first one loads classes): look for the blocker's.
        RecordedEvent step = slowSteps.stream().filter(e -> "blocker".equals(e.getString("taskName"))).findFirst()
                .orElseThrow(() -> new AssertionError("no slow step of the blocker: " + slowSteps));
        assertEquals("java", step.getString("body"));
        // At least the event's threshold: JFR's own clock times it, which on this loaded machine has measured a
        // 200 ms Thread.sleep as 175 ms, so the 200 ms are not compared across the two clocks.
        assertTrue(step.getDuration().compareTo(Duration.ofMillis(100)) >= 0, step.toString());
        // The loop callback that ran the step (the awaited Future's callbacks) stalled the loop as long.
        assertTrue(byName(events, "dev.asyncio4j.SlowCallback").stream()
                .anyMatch(e -> e.getDuration().compareTo(Duration.ofMillis(100)) >= 0), events.toString());
        // Disabled by default: one event per Task would flood a recording.
        assertEquals(List.of(), byName(events, "dev.asyncio4j.TaskCreated"));
        assertEquals(List.of(), byName(events, "dev.asyncio4j.TaskFinished"));
    }

    @Test
    void aSlowCallbackInProcess() throws Exception {
        Path jfr = dir.resolve("in-process.jfr");
        EventLoop loop = Asyncio.newEventLoop();
        try (Recording recording = new Recording()) {
            recording.enable("dev.asyncio4j.SlowCallback").withThreshold(Duration.ofMillis(100));
            recording.start();
            assertTrue(LoopEvents.recording, "the loops know a recording runs");
            loop.callSoon(() -> sleepQuietly(150));
            loop.callSoon(loop::stop);
            loop.runForever();
            recording.stop();
            recording.dump(jfr);
        } finally {
            loop.close();
        }
        assertTrue(!LoopEvents.recording, "no recording runs any more");
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<RecordedEvent> slow = byName(events, "dev.asyncio4j.SlowCallback");
        assertEquals(1, slow.size(), slow.toString());
        assertTrue(slow.get(0).getString("callback").contains("Handle"), slow.toString());
    }

    @Test
    void aSlowHandedJavaStepIsRecordedWithTheCallbackThatWokeIt() throws Exception {
        // JDK 21+: under a recording too, the step is handed to the body's thread (its callbacks then run there); the
        // callback that woke the Task is timed until the step ends there, as if the step ran inside it.
        Path jfr = dir.resolve("handed.jfr");
        EventLoop loop = Asyncio.newEventLoop();
        Thread[] threads = new Thread[2];
        try (Recording recording = new Recording()) {
            recording.enable("dev.asyncio4j.SlowCallback").withThreshold(Duration.ofMillis(100));
            recording.enable("dev.asyncio4j.SlowStep").withThreshold(Duration.ofMillis(100));
            recording.start();
            Task<Object> slow = loop.createTask(() -> {
                threads[0] = Thread.currentThread();
                Asyncio.getRunningLoop().callSoon(() -> threads[1] = Thread.currentThread());
                Asyncio.await(Asyncio.sleep(0));
                sleepQuietly(150);
                return null;
            }, "slow-step");
            loop.runUntilComplete(slow);
            recording.stop();
            recording.dump(jfr);
        } finally {
            loop.close();
        }
        if (EventLoopImpl.HAND_OFF) {
            assertSame(threads[0], threads[1], "the step was handed, and its body's thread ran the callback");
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<RecordedEvent> steps = byName(events, "dev.asyncio4j.SlowStep");
        assertTrue(steps.stream().anyMatch(e -> "slow-step".equals(e.getString("taskName"))
                && "java".equals(e.getString("body"))), steps.toString());
        assertTrue(byName(events, "dev.asyncio4j.SlowCallback").stream()
                .anyMatch(e -> e.getDuration().compareTo(Duration.ofMillis(100)) >= 0), events.toString());
    }

    @Test
    void createdAndFinishedEvents() throws Exception {
        Path jfr = dir.resolve("tasks.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.asyncio4j.TaskCreated");
            recording.enable("dev.asyncio4j.TaskFinished");
            recording.start();
            Asyncio.run(() -> {
                Asyncio.await(Asyncio.createTask(() -> 42, "answer"));
                try {
                    Asyncio.await(Asyncio.createTask(() -> {
                        throw new IllegalStateException("boom");
                    }, "failing"));
                } catch (IllegalStateException expected) {
                    // awaited: retrieved
                }
                return null;
            });
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<String> created = byName(events, "dev.asyncio4j.TaskCreated").stream()
                .map(e -> e.getString("taskName")).collect(Collectors.toList());
        assertTrue(created.containsAll(List.of("answer", "failing")), created.toString());
        List<String> finished = new ArrayList<>();
        for (RecordedEvent e : byName(events, "dev.asyncio4j.TaskFinished")) {
            finished.add(e.getString("taskName") + " " + e.getString("outcome"));
        }
        assertTrue(finished.contains("answer result"), finished.toString());
        assertTrue(finished.contains("failing exception: java.lang.IllegalStateException: boom"), finished.toString());
        // The fields every Task event shares: one Task, one id and loop in its created and finished events.
        RecordedEvent answerCreated = byName(events, "dev.asyncio4j.TaskCreated").stream()
                .filter(e -> "answer".equals(e.getString("taskName"))).findFirst().orElseThrow();
        RecordedEvent answerFinished = byName(events, "dev.asyncio4j.TaskFinished").stream()
                .filter(e -> "answer".equals(e.getString("taskName"))).findFirst().orElseThrow();
        assertTrue(answerCreated.getLong("taskId") > 0, answerCreated.toString());
        assertEquals(answerCreated.getLong("taskId"), answerFinished.getLong("taskId"));
        assertTrue(answerCreated.getLong("loopId") > 0, answerCreated.toString());
        assertEquals(answerCreated.getLong("loopId"), answerFinished.getLong("loopId"));
    }

    private static List<RecordedEvent> byName(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
