package dev.asyncio4j.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.ContextVar;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlinx.coroutines.Job;
import org.junit.jupiter.api.Test;

/**
 * Java calling Kotlin suspend functions through {@link Suspend} (and a Java implementation of one, called with a
 * hand-made continuation): both return paths, threads, exceptions, cancellation both ways, the kotlinx tool box
 * inside, and many calls at once. Kotlin callers of Java implementations: {@code SuspendCompleteTest}.
 */
class SuspendTest {
    /** Java bodies are threads: platform threads on JDK 17, so fewer of them at once there. */
    private static final int JAVA_TASKS = VirtualThreads.available() ? 10_000 : 1_000;

    @Test
    void suspendFunctionReturningAtOnce() {
        List<Object> r = Asyncio.run(() -> {
            int awaited = Suspend.await(c -> SuspendFixtures.immediate(21, c));
            Task<Integer> task = Suspend.task(c -> SuspendFixtures.immediate(4, c));
            return List.of(awaited, Asyncio.await(task), task.isDone());
        });
        assertEquals(List.of(42, 8, true), r);
    }

    @Test
    void suspendFunctionResumedFromAnotherThread() {
        List<String> r = Asyncio.run(() -> List.of(
                Suspend.await(c -> SuspendFixtures.resumedFromAnotherThread(1, c)),
                Suspend.await(c -> SuspendFixtures.rawResumeFromAnotherThread(2, c)),
                Asyncio.await(Suspend.task(c -> SuspendFixtures.resumedFromAnotherThread(3, c))),
                Asyncio.await(Suspend.task(c -> SuspendFixtures.rawResumeFromAnotherThread(4, c)))));
        assertEquals(List.of("1 on true", "2 on true", "3 on true", "4 on true"), r);
    }

    @Test
    void continuationResumedBeforeTheFunctionReturned() {
        List<Integer> r = Asyncio.run(() -> List.of(
                Suspend.await(c -> SuspendFixtures.resumedBeforeReturning(5, c)),
                Asyncio.await(Suspend.task(c -> SuspendFixtures.resumedBeforeReturning(6, c)))));
        assertEquals(List.of(5, 6), r);
    }

    @Test
    void exceptionsBeforeAndAfterSuspending() {
        Asyncio.run(() -> {
            // await: the rethrow rule (a checked exception wrapped, an unchecked one as it is).
            CompletionException wrapped = assertThrows(CompletionException.class,
                    () -> Suspend.await(c -> SuspendFixtures.throwsBeforeSuspending(c)));
            assertInstanceOf(IOException.class, wrapped.getCause());
            IllegalStateException after = assertThrows(IllegalStateException.class,
                    () -> Suspend.await(c -> SuspendFixtures.throwsAfterSuspending(c)));
            assertEquals("after", after.getMessage());

            // task: the Task fails with the exception as thrown.
            Task<Integer> before = Suspend.task(c -> SuspendFixtures.throwsBeforeSuspending(c));
            Task<Integer> late = Suspend.task(c -> SuspendFixtures.throwsAfterSuspending(c));
            Asyncio.await(Asyncio.gatherReturnExceptions(List.of(before, late)));
            assertInstanceOf(IOException.class, before.exception());
            assertEquals("before", before.exception().getMessage());
            assertInstanceOf(IllegalStateException.class, late.exception());

            // An exception thrown by the Java lambda itself, before the call.
            Task<Integer> lambda = Suspend.task(c -> {
                throw new IOException("lambda");
            });
            Asyncio.await(Asyncio.gatherReturnExceptions(List.of(lambda)));
            assertEquals("lambda", lambda.exception().getMessage());
            return null;
        });
    }

    /** Cancelling the Task cancels the Kotlin call; the Task ends only after the call's cleanup. */
    @Test
    void cancellingTheTaskCancelsTheSuspendedCall() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Asyncio.run(() -> {
            Task<Integer> t = Suspend.task(c -> SuspendFixtures.untilCancelled(started, cleanedUp, c), "kt");
            while (started.getCount() > 0) {
                Asyncio.await(Asyncio.sleep(0));
            }
            assertTrue(t.cancel("stop"));
            CancelledError e = assertThrows(CancelledError.class, () -> Asyncio.await(t));
            assertEquals("stop", e.getMessage());
            assertEquals(0, cleanedUp.getCount());
            assertTrue(t.isCancelled());
            return null;
        });
    }

    /** Cancelling the Java Task that awaits the call cancels the call; the body sees the outcome after cleanup. */
    @Test
    void cancellingTheAwaitingJavaTaskCancelsTheCall() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        AtomicReference<Long> cleanupCountSeenByBody = new AtomicReference<>();
        Asyncio.run(() -> {
            Task<Integer> javaTask = Asyncio.createTask(() -> {
                try {
                    return Suspend.await(c -> SuspendFixtures.untilCancelled(started, cleanedUp, c));
                } catch (CancelledError e) {
                    cleanupCountSeenByBody.set(cleanedUp.getCount());
                    throw e;
                }
            });
            while (started.getCount() > 0) {
                Asyncio.await(Asyncio.sleep(0));
            }
            javaTask.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(javaTask));
            return null;
        });
        assertEquals(0L, cleanupCountSeenByBody.get());
    }

    @Test
    void kotlinxToolboxInsideTheCall() {
        List<Integer> r = Asyncio.run(() -> List.of(
                Suspend.await(c -> SuspendFixtures.kotlinxToolbox(10, c)),
                Asyncio.await(Suspend.task(c -> SuspendFixtures.kotlinxToolbox(10, c)))));
        assertEquals(List.of(55, 55), r);
    }

    /** await runs in the current Task (no Task of its own); task is a Task of its own, named. */
    @Test
    void theCallRunsAsTheTask() {
        List<String> r = Asyncio.run(() -> {
            Task<String> javaTask = Asyncio.createTask(() -> Suspend.await(c -> SuspendFixtures.currentTaskNames(c)),
                    "java-task");
            Task<String> kotlinTask = Suspend.task(c -> SuspendFixtures.currentTaskNames(c), "kotlin-task");
            return List.of(Asyncio.await(javaTask), Asyncio.await(kotlinTask));
        });
        assertEquals(List.of("java-task/java-task", "kotlin-task/kotlin-task"), r);
    }

    /** The call runs in the Task's Job: the Kotlin Task's own for task, a child of the Java Task's for await. */
    @Test
    void theCallRunsInsideTheTasksJob() {
        Asyncio.run(() -> {
            Job javaTaskJob = ((dev.asyncio4j.kotlin.internal.TaskImpl<?>) Asyncio.currentTask()).job;
            assertSame(javaTaskJob, Suspend.<Job>await(c -> SuspendFixtures.currentJobParent(c)));
            Job inAwait = Suspend.<Job>await(c -> SuspendFixtures.currentJob(c));
            assertTrue(inAwait.isCompleted(), "the call's Job ends with the call");
            Task<Job> kotlinTask = Suspend.<Job>task(c -> SuspendFixtures.currentJob(c));
            Job inTask = Asyncio.await(kotlinTask);
            assertSame(((dev.asyncio4j.kotlin.internal.TaskImpl<?>) kotlinTask).job, inTask);
            assertNotSame(inAwait, inTask);
            return null;
        });
    }

    @Test
    void contextVariablesFollowTheCall() {
        ContextVar<String> requestId = new ContextVar<>("request_id", "none");
        List<String> r = Asyncio.run(() -> {
            requestId.set("r-1");
            String awaited = Suspend.await(c -> SuspendFixtures.readVariable(requestId, c));
            Task<String> task = Suspend.task(c -> SuspendFixtures.readVariable(requestId, c));
            requestId.set("r-2");
            return List.of(awaited, Asyncio.await(task), requestId.get());
        });
        assertEquals(List.of("r-1/r-1", "r-1/r-1", "r-2"), r);
    }

    @Test
    void futureFromAnotherThread() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        Thread runner = new Thread(loop::runForever);
        runner.start();
        try {
            CompletableFuture<Integer> f = Suspend.future(loop, c -> SuspendFixtures.afterSleep(7, 0.001, c));
            assertEquals(7, f.get(10, TimeUnit.SECONDS));
            CompletableFuture<Integer> failing = Suspend.future(loop, c -> SuspendFixtures.throwsBeforeSuspending(c));
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, e.getCause());

            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cleanedUp = new CountDownLatch(1);
            CompletableFuture<Integer> forever = Suspend.future(loop,
                    c -> SuspendFixtures.untilCancelled(started, cleanedUp, c));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            forever.cancel(false);
            assertTrue(cleanedUp.await(10, TimeUnit.SECONDS));
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join(10_000);
            loop.close();
        }
    }

    @Test
    void awaitOutsideAJavaBodyIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Suspend.await(c -> SuspendFixtures.immediate(1, c)));
        assertTrue(e.getMessage().contains("Suspend.task"), e.getMessage());
        Asyncio.run(() -> {
            Future<Void> done = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().callSoon(() -> {
                IllegalStateException inCallback = assertThrows(IllegalStateException.class,
                        () -> Suspend.await(c -> SuspendFixtures.immediate(1, c)));
                assertTrue(inCallback.getMessage().contains("inside a Java coroutine body"));
                done.setResult(null);
            });
            Asyncio.await(done);
            return null;
        });
    }

    /** 10,000 bridged calls at once, each way Java starts them. */
    @Test
    void tenThousandConcurrentBridgedCalls() throws Exception {
        int n = 10_000;
        long sum = Asyncio.run(() -> {
            List<Future<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int x = i;
                tasks.add(Suspend.task(c -> SuspendFixtures.afterSleep(x, 0.01, c)));
            }
            List<Future<Integer>> awaited = new ArrayList<>();
            for (int i = 0; i < JAVA_TASKS; i++) {
                int x = i;
                awaited.add(Asyncio.createTask(() -> Suspend.await(c -> SuspendFixtures.afterSleep(x, 0.01, c))));
            }
            long s = 0;
            for (int v : Asyncio.await(Asyncio.gather(tasks))) {
                s += v;
            }
            for (int v : Asyncio.await(Asyncio.gather(awaited))) {
                s += v;
            }
            return s;
        });
        assertEquals((long) n * (n - 1) / 2 + (long) JAVA_TASKS * (JAVA_TASKS - 1) / 2, sum);

        EventLoop loop = Asyncio.newEventLoop();
        Thread runner = new Thread(loop::runForever);
        runner.start();
        try {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int x = i;
                futures.add(Suspend.future(loop, c -> SuspendFixtures.afterSleep(x, 0.01, c)));
            }
            long s = 0;
            for (CompletableFuture<Integer> f : futures) {
                s += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals((long) n * (n - 1) / 2, s);
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            runner.join(10_000);
            loop.close();
        }
    }

    // ------------------------------------------------------------------ complete(...) with a hand-made caller

    /** A caller's continuation as Kotlin would pass it: runs on the loop's dispatcher, records how it resumed. */
    private static final class Caller<T> implements Continuation<T> {
        final CoroutineContext context;
        final CompletableFuture<Object> resumed = new CompletableFuture<>();
        volatile Thread resumedOn;

        Caller(EventLoop loop) {
            this.context = KotlinTasks.getDispatcher(loop);
        }

        @Override
        public CoroutineContext getContext() {
            return context;
        }

        @Override
        public void resumeWith(Object result) {
            resumedOn = Thread.currentThread();
            resumed.complete(result);
        }
    }

    /** A lazy Task suspends the caller and resumes it later, on the loop; an eager one answers at once. */
    @Test
    void completeAnswersAtOnceOrSuspends() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            List<Object> r = loop.runUntilComplete(() -> {
                Caller<Integer> lazyCaller = new Caller<>(loop);
                Object lazy = Suspend.complete(lazyCaller, () -> 5);
                assertSame(IntrinsicsKt.getCOROUTINE_SUSPENDED(), lazy);
                while (!lazyCaller.resumed.isDone()) {
                    Asyncio.await(Asyncio.sleep(0));
                }
                Object resumedWith = lazyCaller.resumed.join();

                loop.setTaskFactory(Asyncio.eagerTaskFactory());
                Caller<Integer> eagerCaller = new Caller<>(loop);
                Object eager = Suspend.complete(eagerCaller, () -> 6);
                Asyncio.await(Asyncio.sleep(0));
                Asyncio.await(Asyncio.sleep(0));
                assertFalse(eagerCaller.resumed.isDone());
                loop.setTaskFactory(null);
                return List.of(resumedWith, eager);
            });
            assertEquals(List.of(5, 6), r);
        } finally {
            loop.close();
        }
    }

    /** A caller on no loop gets an IllegalStateException that names the fix. */
    @Test
    void completeWithoutALoopIsRefused() {
        Continuation<String> nowhere = new Continuation<>() {
            @Override
            public CoroutineContext getContext() {
                return kotlin.coroutines.EmptyCoroutineContext.INSTANCE;
            }

            @Override
            public void resumeWith(Object result) {
                throw new AssertionError("must not resume");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Suspend.complete(nowhere, () -> "x"));
        assertTrue(e.getMessage().contains("withContext(loop.dispatcher)"), e.getMessage());
        // The CompletionStage overload needs no loop.
        assertEquals("done", Suspend.complete(nowhere, CompletableFuture.completedFuture("done")));
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IOException("stage"));
        IOException io = assertThrows(IOException.class, () -> Suspend.complete(nowhere, failed.thenApply(s -> s)));
        assertEquals("stage", io.getMessage());
    }

    @Test
    void completeWithAStageResumesTheCallerLater() throws Exception {
        CompletableFuture<String> stage = new CompletableFuture<>();
        CompletableFuture<Object> resumed = new CompletableFuture<>();
        Continuation<String> caller = new Continuation<>() {
            @Override
            public CoroutineContext getContext() {
                return kotlin.coroutines.EmptyCoroutineContext.INSTANCE;
            }

            @Override
            public void resumeWith(Object result) {
                resumed.complete(result);
            }
        };
        assertSame(IntrinsicsKt.getCOROUTINE_SUSPENDED(), Suspend.complete(caller, stage));
        assertFalse(resumed.isDone());
        stage.complete("later");
        assertEquals("later", resumed.get(10, TimeUnit.SECONDS));
    }
}
