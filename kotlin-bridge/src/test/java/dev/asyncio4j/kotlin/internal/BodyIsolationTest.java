package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No per-thread state a Java Task's body sets is visible to another Task's body (issue 11): ThreadLocals,
 * inheritable ones, the context class loader, the thread's name, priority and uncaught-exception handler. Each
 * case runs Task {@code alice-request}, which sets the state and ends, then Task {@code bob-request}, which reads it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BodyIsolationTest {
    @BeforeEach
    void bodiesOnThreadsOfTheirOwn() {
        LoopTesting.assumeBodiesOnThreads();
    }

    private static final ThreadLocal<String> USER = new ThreadLocal<>();
    private static final InheritableThreadLocal<String> INHERITED_USER = new InheritableThreadLocal<>();

    /** Runs alice's body to its end, then bob's, each in its own Task, and returns what bob saw. */
    private static <T> T aliceThenBob(Coroutine<?> alice, Coroutine<T> bob) {
        return Asyncio.run(() -> {
            Asyncio.await(Asyncio.createTask(alice, "alice-request"));
            Asyncio.await(Asyncio.sleep(0));
            return Asyncio.await(Asyncio.createTask(bob, "bob-request"));
        });
    }

    @Test
    void aThreadLocalSetByOneTaskIsNotSeenByTheNext() {
        String seen = aliceThenBob(() -> {
            USER.set("alice");
            return null;
        }, USER::get);
        assertNull(seen, "bob-request read user=" + seen);
    }

    @Test
    void aThreadLocalSetByAPendingTaskIsNotSeenByAnother() {
        String seen = Asyncio.run(() -> {
            var gate = Asyncio.getRunningLoop().<Void>createFuture();
            var alice = Asyncio.createTask(() -> {
                USER.set("alice");
                Asyncio.await(gate);
                return USER.get();
            }, "alice-request");
            Asyncio.await(Asyncio.sleep(0));
            String bobSaw = Asyncio.await(Asyncio.createTask(USER::get, "bob-request"));
            gate.setResult(null);
            assertEquals("alice", Asyncio.await(alice), "a Task's own ThreadLocal must survive its awaits");
            return bobSaw;
        });
        assertNull(seen, "bob-request read user=" + seen);
    }

    @Test
    void anInheritableThreadLocalSetByOneTaskIsNotSeenByTheNext() {
        String seen = aliceThenBob(() -> {
            INHERITED_USER.set("alice");
            return null;
        }, INHERITED_USER::get);
        assertNull(seen, "bob-request inherited user=" + seen);
    }

    @Test
    void anInheritableThreadLocalOfTheCreatingBodyIsNotInheritedByATaskItCreates() {
        String seen = Asyncio.run(() -> Asyncio.await(Asyncio.createTask(() -> {
            INHERITED_USER.set("alice");
            String bob = Asyncio.await(Asyncio.createTask(INHERITED_USER::get, "bob-request"));
            INHERITED_USER.remove();
            return bob;
        }, "alice-request")));
        assertNull(seen, "bob-request inherited user=" + seen);
    }

    @Test
    void theContextClassLoaderSetByOneTaskIsNotSeenByTheNext() throws Exception {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader alicesLoader = new URLClassLoader(new URL[0], original)) {
            ClassLoader seen = aliceThenBob(() -> {
                Thread.currentThread().setContextClassLoader(alicesLoader);
                return null;
            }, () -> Thread.currentThread().getContextClassLoader());
            assertNotSame(alicesLoader, seen);
            assertEquals(original, seen, "a body starts with the context class loader of the thread that runs the loop");
        }
    }

    @Test
    void theThreadNameSetByOneTaskIsNotSeenByTheNext() {
        String seen = aliceThenBob(() -> {
            Thread.currentThread().setName("alice's thread");
            return null;
        }, () -> Thread.currentThread().getName());
        assertNotEquals("alice's thread", seen);
    }

    @Test
    void theUncaughtExceptionHandlerSetByOneTaskIsNotSeenByTheNext() {
        Thread.UncaughtExceptionHandler alices = (t, e) -> { };
        Thread.UncaughtExceptionHandler seen = aliceThenBob(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(alices);
            return null;
        }, () -> Thread.currentThread().getUncaughtExceptionHandler());
        assertNotSame(alices, seen);
    }

    @Test
    void thePrioritySetByOneTaskIsNotSeenByTheNext() {
        int normal = Asyncio.run(() -> Asyncio.await(Asyncio.createTask(() -> Thread.currentThread().getPriority())));
        int seen = aliceThenBob(() -> {
            Thread.currentThread().setPriority(normal == Thread.MIN_PRIORITY ? Thread.MAX_PRIORITY : Thread.MIN_PRIORITY);
            return null;
        }, () -> Thread.currentThread().getPriority());
        assertEquals(normal, seen);
    }
}
