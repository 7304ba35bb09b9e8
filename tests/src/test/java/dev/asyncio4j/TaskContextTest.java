package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Context variables on the loop: CPython's test_tasks {@code test_context_1..6}, test_taskgroups'
 * {@code test_taskgroup_task_context}, test_threads' {@code test_to_thread_contextvars}, test_runners'
 * {@code test_run_keeps_context}, and the rules of PEP 567 for callbacks ({@code call_soon(cb, context=ctx)},
 * {@code call_soon_threadsafe}, done-callbacks), plus what Java adds: bodies on threads of their own.
 */
class TaskContextTest {
    /** test_context_1: a Task copies the context at creation; its writes stay its own. */
    @Test
    void taskCopiesTheContextAtCreation() {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        Asyncio.run(() -> {
            assertEquals("nope", cvar.get());
            Task<Void> subtask = Asyncio.createTask(() -> {
                Aio.sleep(0.01);
                assertEquals("nope", cvar.get());
                cvar.set("something else");
                return null;
            });
            cvar.set("yes");
            assertEquals("yes", cvar.get());
            Asyncio.await(subtask);
            assertEquals("yes", cvar.get());
            return null;
        });
    }

    /** test_context_2: done-callbacks run in a copy of the context current when they were added. */
    @Test
    void doneCallbacksDoNotPolluteTheTask() {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            assertEquals("nope", cvar.get());
            List<String> seenByCallbacks = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                Future<Void> fut = loop.createFuture();
                fut.addDoneCallback(f -> {
                    seenByCallbacks.add(cvar.get());
                    // This change must not pollute the context of the main task.
                    cvar.set("something else");
                });
                cvar.set("yes" + j);
                loop.callSoon(() -> fut.setResult(null));
                Asyncio.await(fut);
                assertEquals("yes" + j, cvar.get());
                for (int i = 0; i < 3; i++) {
                    cvar.set("yes" + i + "-" + j);
                    Aio.sleep(0.001);
                    assertEquals("yes" + i + "-" + j, cvar.get());
                }
            }
            // Each callback saw the context of the moment it was added, not the one at completion.
            assertEquals(List.of("nope", "yes2-0"), seenByCallbacks);
            return null;
        });
        assertEquals("nope", cvar.get());
    }

    /** test_context_3: 100 Tasks in parallel, each modifying the variable. */
    @Test
    void parallelTasksEachKeepTheirOwnValue() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        Random random = new Random(3);
        Asyncio.run(() -> {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                int num = random.nextInt(11);
                tasks.add(Asyncio.createTask(() -> {
                    for (int i = 0; i < 10; i++) {
                        cvar.set(num + i);
                        // Interleave by loop turns, not wall-clock: other Tasks run between the set and the check.
                        for (int k = (num + i) % 4; k >= 0; k--) {
                            Aio.sleep0();
                        }
                        assertEquals(num + i, cvar.get());
                    }
                    return null;
                }));
            }
            Asyncio.await(Asyncio.gather(tasks));
            return null;
        });
        assertEquals(-1, cvar.get());
    }

    /** test_context_4/5/6: a Task created with a context runs in that very context. */
    @Test
    void taskCreatedWithAContextWritesIntoIt() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        List<Integer> ret = Asyncio.run(() -> {
            List<Integer> out = new ArrayList<>();
            Context ctx = Context.copyContext();
            out.add(ctx.get(cvar, null));
            Task<Void> t1 = Asyncio.createTask(setLater(cvar, 1), null, ctx);
            Asyncio.await(t1);
            out.add(ctx.get(cvar, null));
            Task<Void> t2 = Asyncio.getRunningLoop().createTask(setLater(cvar, 2), "t2", ctx);
            Asyncio.await(t2);
            out.add(ctx.get(cvar, null));
            assertNull(cvar.get(null));
            return out;
        });
        assertEquals(java.util.Arrays.asList(null, 1, 2), ret);
    }

    private static Coroutine<Void> setLater(ContextVar<Integer> cvar, int value) {
        return () -> {
            Aio.sleep0();
            cvar.set(value);
            return null;
        };
    }

    /** test_taskgroup_task_context, through the loop (TaskGroup takes no context here). */
    @Test
    void contextPassedToCreateTaskBeforeTheLoopRuns() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Context ctx = new Context();
            loop.runUntilComplete(loop.createTask(setLater(cvar, 7), null, ctx));
            assertEquals(7, ctx.get(cvar));
            assertNull(cvar.get(null));
        } finally {
            loop.close();
        }
    }

    /** test_to_thread_contextvars: toThread copies the context; runInExecutor does not. */
    @Test
    void toThreadCopiesTheContextRunInExecutorDoesNot() {
        ContextVar<String> testCtx = new ContextVar<>("test_ctx");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Asyncio.run(() -> {
                testCtx.set("parrot");
                assertEquals("parrot", Asyncio.await(Asyncio.toThread(testCtx::get)));
                // The function's writes go to its copy.
                Asyncio.await(Asyncio.toThread(() -> testCtx.set("changed")));
                assertEquals("parrot", testCtx.get());
                assertEquals("none", Asyncio.await(Asyncio.getRunningLoop().runInExecutor(pool,
                        () -> testCtx.get("none"))));
                assertEquals("none", Asyncio.await(Asyncio.getRunningLoop().runInExecutor(null,
                        () -> testCtx.get("none"))));
                return null;
            });
        } finally {
            pool.shutdown();
        }
    }

    /** toThread keeps the function's own exceptions as they are, also from inside its context. */
    @Test
    void toThreadExceptionsAreUnchanged() {
        ContextVar<String> v = new ContextVar<>("v");
        java.io.IOException thrown = new java.io.IOException("io");
        Throwable seen = Asyncio.run(() -> {
            v.set("x");
            Future<Object> f = Asyncio.toThread(() -> {
                throw thrown;
            });
            Asyncio.await(Asyncio.gatherReturnExceptions(List.of(f)));
            return f.exception();
        });
        assertEquals(thrown, seen);
    }

    /** call_soon copies the current context; call_soon(cb, context=ctx) runs in ctx itself. */
    @Test
    void callSoonCopiesCallSoonWithAContextDoesNot() {
        ContextVar<String> v = new ContextVar<>("v", "default");
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> seen = new ArrayList<>();
            v.set("at schedule");
            loop.callSoon(() -> {
                seen.add(v.get());
                v.set("written by callback");
            });
            v.set("after schedule");
            Aio.sleep0();
            assertEquals(List.of("at schedule"), seen);
            assertEquals("after schedule", v.get());

            Context ctx = new Context();
            loop.callSoon(() -> {
                seen.add(v.get());
                v.set("in ctx");
            }, ctx);
            Aio.sleep0();
            assertEquals(List.of("at schedule", "default"), seen);
            assertEquals("in ctx", ctx.get(v));
            assertEquals("after schedule", v.get());
            return null;
        });
    }

    /** Timers capture the context too (CPython's call_later/call_at). */
    @Test
    void callLaterRunsInTheContextOfItsScheduling() {
        ContextVar<String> v = new ContextVar<>("v", "default");
        String seen = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> f = loop.createFuture();
            v.set("when scheduled");
            loop.callLater(0.001, () -> f.setResult(v.get()));
            v.set("later");
            return Asyncio.await(f);
        });
        assertEquals("when scheduled", seen);
    }

    /** A callback with a context that is entered already does not run; the exception handler hears why. */
    @Test
    void callSoonWithAnEnteredContextGoesToTheExceptionHandler() {
        List<ExceptionContext> reported = Collections.synchronizedList(new ArrayList<>());
        boolean[] ran = {false};
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setExceptionHandler((l, c) -> reported.add(c));
            Context ctx = new Context();
            ctx.run(() -> {
                loop.callSoon(() -> ran[0] = true, ctx);
                // Still inside ctx.run while the loop turns: the callback finds ctx entered.
                Aio.sleep0();
            });
            Aio.sleep0();
            return null;
        });
        assertFalse(ran[0]);
        assertEquals(1, reported.size());
        assertInstanceOf(IllegalStateException.class, reported.get(0).exception());
        assertTrue(reported.get(0).exception().getMessage().contains("already entered"));
    }

    /** callSoonThreadsafe captures the calling thread's context, whichever thread that is. */
    @Test
    void callSoonThreadsafeCapturesTheForeignThreadsContext() throws Exception {
        ContextVar<String> v = new ContextVar<>("v", "default");
        EventLoop loop = Asyncio.newEventLoop();
        CompletableFuture<String> seen = new CompletableFuture<>();
        CountDownLatch running = new CountDownLatch(1);
        Thread runner = new Thread(() -> {
            loop.callSoon(running::countDown);
            loop.runForever();
        });
        runner.start();
        try {
            assertTrue(running.await(10, TimeUnit.SECONDS));
            new Context().run(() -> {
                v.set("foreign");
                loop.callSoonThreadsafe(() -> seen.complete(v.get()));
                v.set("changed after");
            });
            assertEquals("foreign", seen.get(10, TimeUnit.SECONDS));
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join(10_000);
            loop.close();
        }
    }

    /** runCoroutineThreadsafe: the Task copies the context of the thread that asked for it, as in CPython. */
    @Test
    void runCoroutineThreadsafeCopiesTheCallersContext() throws Exception {
        ContextVar<String> v = new ContextVar<>("v", "default");
        EventLoop loop = Asyncio.newEventLoop();
        Thread runner = new Thread(loop::runForever);
        runner.start();
        try {
            CompletableFuture<String> f = new Context().run(() -> {
                v.set("from caller");
                return Asyncio.runCoroutineThreadsafe(() -> {
                    Aio.sleep0();
                    return v.get();
                }, loop);
            });
            assertEquals("from caller", f.get(10, TimeUnit.SECONDS));
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join(10_000);
            loop.close();
        }
    }

    /** Asyncio.run's main Task starts from the calling thread's context, and leaves it unchanged. */
    @Test
    void runStartsFromTheCallersContext() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        new Context().run(() -> {
            cvar.set(5);
            int inside = Asyncio.run(() -> {
                int old = cvar.get();
                Aio.sleep0();
                cvar.set(9);
                return old;
            });
            assertEquals(5, inside);
            assertEquals(5, cvar.get());
        });
    }

    /**
     * Java bodies run on threads that may be reused: a value one Task's body set is never seen by another Task's
     * body, whichever thread it gets, and the loop (not the thread) tells which context is current.
     */
    @Test
    void javaBodiesOnReusedThreadsAreIsolated() {
        ContextVar<String> v = new ContextVar<>("v");
        List<String> leaks = Collections.synchronizedList(new ArrayList<>());
        Asyncio.run(() -> {
            for (int round = 0; round < 50; round++) {
                int r = round;
                Task<Void> writer = Asyncio.createTask(() -> {
                    v.set("task " + r);
                    return null;
                });
                Asyncio.await(writer);
                Task<Void> reader = Asyncio.createTask(() -> {
                    String seen = v.get(null);
                    if (seen != null) {
                        leaks.add(seen);
                    }
                    Aio.sleep0();
                    if (v.get(null) != null) {
                        leaks.add("after await: " + v.get(null));
                    }
                    return null;
                });
                Asyncio.await(reader);
            }
            assertNull(v.get(null));
            return null;
        });
        assertEquals(List.of(), leaks);
    }

    /** A Java body may await inside Context.run: it stays in that context until run returns. */
    @Test
    void javaBodyAwaitsInsideContextRun() {
        ContextVar<String> v = new ContextVar<>("v", "task");
        Asyncio.run(() -> {
            Context ctx = new Context();
            String inside = ctx.run(() -> {
                v.set("ctx");
                Task<String> other = Asyncio.createTask(() -> {
                    Aio.sleep0();
                    return v.get();
                });
                Aio.sleep0();
                Aio.sleep(0.001);
                assertEquals("ctx", v.get());
                // A Task made inside copies ctx.
                return Asyncio.await(other);
            });
            assertEquals("ctx", inside);
            assertEquals("task", v.get());
            assertEquals("ctx", ctx.get(v));
            return null;
        });
    }

    /** A raw callback that writes into the loop's base context does not leak into the next callback. */
    @Test
    void baseContextIsRenewedAfterAWrite() {
        ContextVar<String> v = new ContextVar<>("v", "default");
        AtomicReference<String> second = new AtomicReference<>();
        Asyncio.run(() -> {
            Future<Void> f = Asyncio.getRunningLoop().createFuture();
            // Added from an empty context: the done-callback runs in the base context.
            f.addDoneCallback(x -> v.set("leaked?"));
            Future<Void> g = Asyncio.getRunningLoop().createFuture();
            g.addDoneCallback(x -> second.set(v.get()));
            f.setResult(null);
            g.setResult(null);
            Aio.sleep0();
            Aio.sleep0();
            return null;
        });
        assertEquals("default", second.get());
    }
}
