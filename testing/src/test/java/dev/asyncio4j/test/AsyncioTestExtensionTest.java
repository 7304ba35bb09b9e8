package dev.asyncio4j.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @AsyncioTest} run through JUnit's EngineTestKit: what passes, and each check that fails a test. */
class AsyncioTestExtensionTest {
    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Cases.class, java.util.Arrays.stream(Cases.class.getDeclaredMethods())
                        .filter(m -> m.getName().equals(method)).findFirst().orElseThrow()))
                .execute()
                .testEvents();
    }

    private static void assertPassed(String method) {
        Events events = run(method);
        assertEquals(1, events.succeeded().count(), () -> method + ": " + events.failed().list());
        assertEquals(0, events.failed().count());
    }

    @Test
    void aTestRunsInVirtualTimeWithItsLoopInjected() {
        assertPassed("sleepsAnHour");
    }

    @Test
    void aTestWithoutParametersRunsAsTheMainTask() {
        assertPassed("noParameter");
    }

    @Test
    void realTimeOptOut() {
        assertPassed("realTime");
        Events refused = run("realTimeRefusesATestLoop");
        refused.assertThatEvents().haveExactly(1, finishedWithFailure(message(m -> m.contains("TestLoop parameter needs virtual time"))));
    }

    @Test
    void aLeakedTaskFailsTheTestAndIsNamed() {
        run("leaksATask").assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(AssertionError.class), message(m -> m.contains("1 Task(s) pending") && m.contains("forgotten"))));
        assertTrue(Cases.leakedCancelled, "the leaked Task is cancelled at the end");
    }

    @Test
    void anExceptionNeverRetrievedFailsTheTest() {
        run("dropsAnError").assertThatEvents().haveExactly(1, finishedWithFailure(
                message(m -> m.contains("exception was never retrieved"))));
    }

    @Test
    void theWallClockGuardFailsAStuckTest() {
        Events events;
        try {
            events = run("waitsForever");
        } finally {
            Cases.never.countDown();
        }
        events.assertThatEvents().haveExactly(1, finishedWithFailure(
                message(m -> m.contains("timed out") && m.contains("0.2 s of wall-clock time"))));
    }

    @Test
    void theGuardNamesAReaderWaitingForASilentPeer() {
        run("readsFromASilentPeer").assertThatEvents().haveExactly(1, finishedWithFailure(message(m ->
                m.contains("timed out") && m.contains("a StreamReader waiting for data from /127.0.0.1:")
                        && m.contains("a peer that never sends"))));
    }

    @Test
    void theBodysOwnFailureIsReported() {
        run("failsItself").assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(java.io.IOException.class), message("disk on fire")));
    }

    /** Run only through EngineTestKit above (a nested class: neither Surefire nor Jupiter picks it up directly). */
    static class Cases {
        static volatile boolean leakedCancelled;
        static final CountDownLatch never = new CountDownLatch(1);

        @AsyncioTest
        void sleepsAnHour(TestLoop loop) {
            Asyncio.await(Asyncio.sleep(3600));
            assertEquals(3600.0, loop.time());
        }

        @AsyncioTest
        void noParameter() {
            Asyncio.await(Asyncio.sleep(5));
            assertEquals(5.0, Asyncio.getRunningLoop().time());
        }

        @AsyncioTest(realTime = true)
        void realTime(EventLoop loop) {
            assertTrue(!(loop instanceof TestLoop));
            Asyncio.await(Asyncio.sleep(0.001));
        }

        @AsyncioTest(realTime = true)
        void realTimeRefusesATestLoop(TestLoop loop) {
        }

        @AsyncioTest
        void leaksATask() {
            Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } catch (dev.asyncio4j.CancelledError e) {
                    leakedCancelled = true;
                    throw e;
                }
                return null;
            }, "forgotten");
            Asyncio.await(Asyncio.sleep(1));
        }

        @AsyncioTest
        void dropsAnError() {
            Future<Void> f = Asyncio.getRunningLoop().createFuture();
            f.setException(new IllegalStateException("nobody looks at me"));
        }

        @AsyncioTest(timeoutSeconds = 0.2)
        void waitsForever() throws InterruptedException {
            // Outside work that never ends: the loop waits in real time, the guard cancels the main Task.
            Asyncio.await(Asyncio.toThread(() -> {
                never.await();
                return null;
            }));
        }

        @AsyncioTest(timeoutSeconds = 0.5)
        void readsFromASilentPeer() throws java.io.IOException {
            // A peer outside the loop that accepts (the kernel does) and never sends: the read is outside work, so
            // the clock does not jump; only the guard ends the wait.
            try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                dev.asyncio4j.Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", silent.getLocalPort()));
                try {
                    Asyncio.await(Asyncio.waitFor(c.reader().readLine(), 3600));
                } finally {
                    c.writer().close();
                }
            }
        }

        @AsyncioTest
        void failsItself() throws java.io.IOException {
            Asyncio.await(Asyncio.sleep(1));
            throw new java.io.IOException("disk on fire");
        }
    }
}
