package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CPython 3.12+'s test_eager_task_factory ({@code EagerTaskFactoryLoopTests} and the task-counting tests), for Java
 * Tasks; the staggered_race cases are left out (no staggered_race here). Kotlin Tasks: {@code KotlinEagerTaskTest}.
 */
class EagerTaskFactoryTest {
    private EventLoop loop;

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
        loop.setTaskFactory(Asyncio.eagerTaskFactory());
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    /** CPython's run_coro: the loop is running when the test's body starts. */
    private <T> T runCoro(Coroutine<T> body) {
        return loop.runUntilComplete(loop.createTask(body));
    }

    @Test
    void eagerTaskFactorySet() {
        assertSame(Asyncio.eagerTaskFactory(), loop.getTaskFactory());
        runCoro(() -> {
            Task<Void> t = loop.createTask(() -> null);
            assertInstanceOf(Task.class, t);
            Asyncio.await(t);
            return null;
        });
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
    }

    @Test
    void awaitFutureDuringEagerStep() {
        String result = runCoro(() -> {
            Future<String> fut = loop.createFuture();
            Task<Void> t = loop.createTask(() -> {
                fut.setResult("my message");
                return null;
            });
            // the eager step completed the task
            assertTrue(t.isDone());
            return Asyncio.await(fut);
        });
        assertEquals("my message", result);
    }

    @Test
    void eagerCompletion() {
        String result = runCoro(() -> {
            Task<String> t = loop.createTask(() -> "hello");
            assertTrue(t.isDone());
            return Asyncio.await(t);
        });
        assertEquals("hello", result);
    }

    @Test
    void blockAfterEagerStep() {
        String result = runCoro(() -> {
            Task<String> t = loop.createTask(() -> {
                Aio.sleep(0.1);
                return "finished after blocking";
            });
            assertFalse(t.isDone());
            String r = Asyncio.await(t);
            assertTrue(t.isDone());
            return r;
        });
        assertEquals("finished after blocking", result);
    }

    @Test
    void cancellationAfterEagerCompletion() {
        String result = runCoro(() -> {
            Task<String> t = loop.createTask(() -> "finished without blocking");
            assertFalse(t.cancel());
            String r = Asyncio.await(t);
            // a finished task can't be cancelled
            assertFalse(t.isCancelled());
            return r;
        });
        assertEquals("finished without blocking", result);
    }

    @Test
    void cancellationAfterEagerStepBlocks() {
        CancelledError e = assertThrows(CancelledError.class, () -> runCoro(() -> {
            Task<String> t = loop.createTask(() -> {
                Aio.sleep(0.1);
                return "finished after blocking";
            });
            t.cancel("cancellation message");
            assertTrue(t.cancelling() > 0);
            return Asyncio.await(t);
        }));
        assertEquals("cancellation message", e.getMessage());
    }

    @Test
    void currentTask() {
        AtomicReference<Task<?>> captured = new AtomicReference<>();
        runCoro(() -> {
            Task<?> outer = Asyncio.currentTask();
            Task<Void> t = loop.createTask(() -> {
                captured.set(Asyncio.currentTask());
                // the task before and after blocking is identical
                Aio.sleep(0.1);
                assertSame(captured.get(), Asyncio.currentTask());
                return null;
            });
            assertSame(t, captured.get());
            assertSame(outer, Asyncio.currentTask());
            Asyncio.await(t);
            return null;
        });
    }

    @Test
    void allTasksWithEagerCompletion() {
        AtomicReference<Set<Task<?>>> captured = new AtomicReference<>();
        runCoro(() -> {
            Task<Void> t = loop.createTask(() -> {
                captured.set(Asyncio.allTasks());
                return null;
            });
            assertTrue(captured.get().contains(t));
            assertFalse(Asyncio.allTasks().contains(t));
            return null;
        });
    }

    @Test
    void allTasksWithBlocking() {
        AtomicReference<Set<Task<?>>> captured = new AtomicReference<>();
        runCoro(() -> {
            Future<Void> fut1 = loop.createFuture();
            Future<Void> fut2 = loop.createFuture();
            Task<Void> t = loop.createTask(() -> {
                captured.set(Asyncio.allTasks());
                Asyncio.await(fut1);
                fut2.setResult(null);
                return null;
            });
            assertTrue(captured.get().contains(t));
            assertTrue(Asyncio.allTasks().contains(t));
            fut1.setResult(null);
            Asyncio.await(fut2);
            Aio.sleep0();
            assertFalse(Asyncio.allTasks().contains(t));
            return null;
        });
    }

    @Test
    void contextVars() {
        ContextVar<Integer> cv = new ContextVar<>("cv", 0);
        boolean[] ran = new boolean[2];
        runCoro(() -> {
            cv.set(1);
            Task<Void> t = loop.createTask(() -> {
                assertEquals(1, cv.get());
                cv.set(2);
                assertEquals(2, cv.get());
                ran[0] = true;
                Aio.sleep(0.1);
                assertEquals(2, cv.get());
                cv.set(3);
                assertEquals(3, cv.get());
                ran[1] = true;
                return null;
            });
            assertTrue(ran[0]);
            assertFalse(ran[1]);
            assertEquals(1, cv.get());
            Asyncio.await(t);
            assertTrue(ran[1]);
            assertEquals(1, cv.get());
            return null;
        });
    }

    /** CPython's C test_name: the name is the Task's already during the eager step. */
    @Test
    void nameDuringEagerStep() {
        AtomicReference<String> name = new AtomicReference<>();
        runCoro(() -> {
            Task<Void> task = loop.createTask(() -> {
                name.set(Asyncio.currentTask().getName());
                return null;
            }, "test name");
            assertEquals("test name", name.get());
            Asyncio.await(task);
            return null;
        });
    }

    @Test
    void eagerTaskInAGivenContext() {
        ContextVar<String> v = new ContextVar<>("v");
        runCoro(() -> {
            Context ctx = new Context();
            Task<Void> t = loop.createTask(() -> {
                v.set("set eagerly");
                return null;
            }, null, ctx);
            assertTrue(t.isDone());
            assertEquals("set eagerly", ctx.get(v));
            assertNull(v.get(null));
            return null;
        });
    }

    @Test
    void bodyThatThrowsBeforeAwaitingFailsTheTaskAtOnce() {
        runCoro(() -> {
            Task<Void> t = loop.createTask(() -> {
                throw new IllegalArgumentException("early");
            });
            assertTrue(t.isDone());
            assertEquals("early", t.exception().getMessage());
            Task<Void> c = loop.createTask(() -> {
                throw new CancelledError("self");
            });
            assertTrue(c.isCancelled());
            return null;
        });
    }

    /** An eager Task made from a loop callback (no current Task): it runs as the current Task, then none is. */
    @Test
    void eagerTaskFromACallback() {
        List<Object> seen = new ArrayList<>();
        runCoro(() -> {
            Future<Void> done = loop.createFuture();
            loop.callSoon(() -> {
                Task<Void> t = loop.createTask(() -> {
                    seen.add(Asyncio.currentTask().getName());
                    return null;
                }, "from-callback");
                seen.add(t.isDone());
                seen.add(String.valueOf(Asyncio.currentTask()));
                done.setResult(null);
            });
            Asyncio.await(done);
            return null;
        });
        assertEquals(List.of("from-callback", true, "null"), seen);
    }

    /** With the loop not running, Tasks start lazily (CPython: eager_start only when the loop runs). */
    @Test
    void lazyWhileTheLoopIsNotRunning() {
        boolean[] ran = {false};
        Task<Void> t = loop.createTask(() -> {
            ran[0] = true;
            return null;
        });
        assertFalse(ran[0]);
        assertFalse(t.isDone());
        loop.runUntilComplete(t);
        assertTrue(ran[0]);
    }

    // ------------------------------------------------------------------ task counting (BaseTaskCountingTests)

    /** A factory that counts Tasks and how many were done as soon as they were made. */
    private static final class CountingFactory implements TaskFactory {
        final TaskFactory inner;
        final AtomicInteger made = new AtomicInteger();
        final AtomicInteger doneAtOnce = new AtomicInteger();

        CountingFactory(TaskFactory inner) {
            this.inner = inner;
        }

        @Override
        public <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name) {
            Task<T> t = inner != null ? inner.create(loop, coro, name) : plain(loop, coro, name);
            made.incrementAndGet();
            if (t.isDone()) {
                doneAtOnce.incrementAndGet();
            }
            return t;
        }

        private static <T> Task<T> plain(EventLoop loop, Coroutine<T> coro, String name) {
            TaskFactory previous = loop.getTaskFactory();
            loop.setTaskFactory(null);
            try {
                return loop.createTask(coro, name);
            } finally {
                loop.setTaskFactory(previous);
            }
        }
    }

    private static Void recursiveTaskGroups(int width, int depth) {
        if (depth == 0) {
            return null;
        }
        Asyncio.taskGroup(tg -> {
            for (int i = 0; i < width; i++) {
                tg.createTask(() -> recursiveTaskGroups(width, depth - 1));
            }
            return null;
        });
        return null;
    }

    private static Void recursiveGather(int width, int depth) {
        if (depth == 0) {
            return null;
        }
        List<Future<Void>> children = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            children.add(Asyncio.createTask(() -> recursiveGather(width, depth - 1)));
        }
        Asyncio.await(Asyncio.gather(children));
        return null;
    }

    @Test
    void recursiveTaskGroupsEagerAndLazy() {
        for (boolean eager : new boolean[] {true, false}) {
            EventLoop l = Asyncio.newEventLoop();
            try {
                CountingFactory counter = new CountingFactory(eager ? Asyncio.eagerTaskFactory() : null);
                l.setTaskFactory(counter);
                l.runUntilComplete(() -> recursiveTaskGroups(5, 4));
                assertEquals(781, counter.made.get()); // 1 + 5 + 5^2 + 5^3 + 5^4
                // Eager: the leaves return before awaiting, and so does every group whose children all did (a
                // group of done Tasks has nothing to wait for): all but the main Task, made before the loop ran.
                // Lazy: none is done at creation. (CPython's count of non-eager Tasks: 0 and 781.)
                assertEquals(eager ? 780 : 0, counter.doneAtOnce.get());
            } finally {
                l.close();
            }
        }
    }

    @Test
    void recursiveGatherEagerAndLazy() {
        for (boolean eager : new boolean[] {true, false}) {
            EventLoop l = Asyncio.newEventLoop();
            try {
                CountingFactory counter = new CountingFactory(eager ? Asyncio.eagerTaskFactory() : null);
                l.setTaskFactory(counter);
                l.runUntilComplete(() -> recursiveGather(5, 4));
                assertEquals(781, counter.made.get());
                // gather of done Futures is done at once (CPython 3.12), so whole subtrees finish eagerly.
                assertEquals(eager ? 780 : 0, counter.doneAtOnce.get());
            } finally {
                l.close();
            }
        }
    }

    @Test
    void factoryReturningNullIsRefused() {
        EventLoop l = Asyncio.newEventLoop();
        try {
            l.setTaskFactory(new TaskFactory() {
                @Override
                public <T> Task<T> create(EventLoop loop, Coroutine<T> coro, String name) {
                    return null;
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.createTask(() -> 1));
            assertTrue(e.getMessage().contains("returned null"), e.getMessage());
        } finally {
            l.close();
        }
    }
}
