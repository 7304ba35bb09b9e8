package dev.asyncio4j.kotlin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The turn passed like a baton (JDK 21+, {@link EventLoopImpl#HAND_OFF}): after its await a Java body's thread runs
 * the loop's work itself, so callbacks run there — and everything the loop promises still holds: the order of
 * callbacks, the running loop and thread checks inside them, a fatal error or an interrupt reaching runForever's
 * caller, stop(). ({@code getStack()} from such a callback: {@code CallGraphTest}.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BatonPassingTest extends LoopTestSupport {
    /** Runs on the body's thread, which then runs the loop's work: the awaited step is this body's own next one. */
    private static void awaitHere() {
        Asyncio.await(Asyncio.sleep(0));
    }

    @Test
    void aCallbackScheduledByAJavaBodyRunsOnItsThreadAfterItAwaitsAsTheLoopsOwner() {
        assumeTrue(EventLoopImpl.HAND_OFF);
        AtomicReference<Thread> body = new AtomicReference<>();
        AtomicReference<Thread> callback = new AtomicReference<>();
        AtomicBoolean loopSeen = new AtomicBoolean();
        Task<String> t = loop.createTask(() -> {
            body.set(Thread.currentThread());
            loop.callSoon(() -> {
                callback.set(Thread.currentThread());
                loopSeen.set(Asyncio.getRunningLoop() == loop);
                loop.callSoon(() -> { }); // the wrong-thread check passes
            });
            awaitHere();
            return "done";
        });
        assertEquals("done", loop.runUntilComplete(t));
        assertSame(body.get(), callback.get(), "the callback ran on the awaiting body's thread");
        assertTrue(loopSeen.get());
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void aJavaStepRunsBeforeTheCallbacksBehindItsWakeUp() {
        // CPython schedules each done-callback of a Future on its own: the Task's step, then each callback after it.
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Future<String> f = loop.createFuture();
        Task<Object> t = loop.createTask(() -> {
            order.add("await");
            order.add("step " + Asyncio.await(f));
            awaitHere();
            order.add("next step");
            return null;
        });
        runOnce();
        f.addDoneCallback(x -> order.add("callback 1"));
        f.addDoneCallback(x -> order.add("callback 2"));
        f.setResult("v");
        loop.runUntilComplete(t);
        assertEquals(List.of("await", "step v", "callback 1", "callback 2", "next step"), order);
    }

    @Test
    void twoJavaTasksAwaitingOneFutureStepInTheOrderTheyAwaited() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Future<String> f = loop.createFuture();
        List<Task<Object>> tasks = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            tasks.add(loop.createTask(() -> {
                order.add(name + " " + Asyncio.await(f));
                awaitHere();
                order.add(name + " again");
                return null;
            }));
        }
        runOnce();
        f.addDoneCallback(x -> order.add("callback"));
        f.setResult("v");
        loop.runUntilComplete(Asyncio.gather(tasks));
        assertEquals(List.of("a v", "b v", "c v", "callback", "a again", "b again", "c again"), order);
    }

    @Test
    void aStackOverflowFromACallbackOnABodysThreadEndsTheRunAndTheTaskGoesOnNextRun() {
        assumeTrue(EventLoopImpl.HAND_OFF);
        AtomicReference<Thread> body = new AtomicReference<>();
        AtomicReference<Thread> callback = new AtomicReference<>();
        Task<String> t = loop.createTask(() -> {
            body.set(Thread.currentThread());
            loop.callSoon(() -> {
                callback.set(Thread.currentThread());
                throw new StackOverflowError("thrown by the test");
            });
            awaitHere();
            return "done";
        });
        StackOverflowError e = assertThrows(StackOverflowError.class, () -> loop.runUntilComplete(t));
        assertEquals("thrown by the test", e.getMessage());
        assertSame(body.get(), callback.get(), "the callback ran on the body's thread");
        assertFalse(loop.isRunning());
        assertFalse(t.isDone());
        assertEquals("done", loop.runUntilComplete(t));
    }

    @Test
    void anInterruptSetByACallbackOnABodysThreadReachesTheRunsCallerNotTheBody() {
        LoopTesting.assumeBodiesOnThreads();
        assumeTrue(EventLoopImpl.HAND_OFF);
        AtomicReference<Thread> body = new AtomicReference<>();
        AtomicReference<Thread> callback = new AtomicReference<>();
        Task<Boolean> t = loop.createTask(() -> {
            body.set(Thread.currentThread());
            loop.callSoon(() -> {
                callback.set(Thread.currentThread());
                Thread.currentThread().interrupt();
            });
            awaitHere();
            return Thread.currentThread().isInterrupted();
        });
        boolean bodySawIt = loop.runUntilComplete(t);
        assertTrue(Thread.interrupted(), "runUntilComplete's caller gets the interrupt");
        assertFalse(bodySawIt, "the body's thread ran the callback, but the interrupt was not the body's");
        assertSame(body.get(), callback.get());
    }

    @Test
    void stopFromACallbackOnABodysThreadEndsTheIterationThenReturnsToTheCaller() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.currentThread();
        Task<String> t = loop.createTask(() -> {
            loop.callSoon(loop::stop);
            awaitHere();
            order.add("after stop, same iteration");
            awaitHere();
            order.add("next run");
            return "done";
        });
        loop.runForever();
        assertSame(caller, Thread.currentThread());
        assertEquals(List.of("after stop, same iteration"), order);
        assertFalse(t.isDone());
        assertEquals("done", loop.runUntilComplete(t));
        assertEquals(List.of("after stop, same iteration", "next run"), order);
    }

    @Test
    void manyJavaTasksSwitchingNeverOverlapAndAllFinish() {
        int tasks = 50;
        int steps = 2_000;
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        List<Task<Integer>> all = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int id = i;
            all.add(loop.createTask(() -> {
                int done = 0;
                for (int k = 0; k < steps; k++) {
                    if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    if ((k + id) % 7 == 0) {
                        loop.callSoon(() -> {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            inside.decrementAndGet();
                        });
                    }
                    inside.decrementAndGet();
                    awaitHere();
                    done++;
                }
                return done;
            }));
        }
        List<Integer> results = loop.runUntilComplete(Asyncio.gather(all));
        assertEquals(0, overlaps.get());
        for (int r : results) {
            assertEquals(steps, r);
        }
    }
    @Test
    void onVirtualTimeEveryJavaWakeUpHappensAtItsDeadline() {
        // A step or callback left behind while the turn went home would let the clock jump past a deadline.
        VirtualTimeLoop vloop = new VirtualTimeLoop();
        try {
            java.util.Random random = new java.util.Random(12);
            java.util.concurrent.atomic.AtomicInteger late = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger callbacks = new java.util.concurrent.atomic.AtomicInteger();
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long seed = random.nextLong();
                tasks.add(vloop.createTask(() -> {
                    java.util.Random r = new java.util.Random(seed);
                    int steps = 0;
                    for (int k = 0; k < 200; k++) {
                        int kind = r.nextInt(4);
                        if (kind == 0) {
                            awaitHere();
                        } else if (kind == 1) {
                            vloop.callSoon(callbacks::incrementAndGet);
                            awaitHere();
                        } else {
                            double delay = (1 + r.nextInt(20)) / 1000.0;
                            double deadline = vloop.time() + delay;
                            Asyncio.await(Asyncio.sleep(delay));
                            if (Math.abs(vloop.time() - deadline) > 1e-6) {
                                late.incrementAndGet();
                            }
                        }
                        steps++;
                    }
                    return steps;
                }));
            }
            List<Integer> results = vloop.runUntilComplete(Asyncio.gather(tasks));
            assertEquals(0, late.get(), "wake-ups away from their deadline");
            assertTrue(callbacks.get() > 1000, "callbacks ran: " + callbacks.get());
            for (int r : results) {
                assertEquals(200, r);
            }
        } finally {
            vloop.close();
        }
    }
    @Test
    void aJavaTaskCancelledBeforeItsFirstStepLeavesTheTurnWithTheBodyThatHoldsIt() throws Exception {
        // The loop runs on a virtual thread of the test's own (its home), so the test can wake that thread when it
        // must not run: a Task that ended in a handed step's beginning once marked the turn as home's while a body's
        // thread still held it, and the home woken meanwhile ran the loop's callbacks at the same time.
        assumeTrue(EventLoopImpl.HAND_OFF);
        java.util.concurrent.atomic.AtomicBoolean secondRan = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        Thread[] home = new Thread[1];
        Task<String> main = loop.createTask(() -> {
            Task<String> never = loop.createTask(() -> "never ran");
            never.cancel();
            loop.callSoon(() -> {
                java.util.concurrent.locks.LockSupport.unpark(home[0]);
                long end = System.nanoTime() + 500_000_000L;
                while (!secondRan.get() && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                overlapped.set(secondRan.get());
            });
            loop.callSoon(() -> secondRan.set(true));
            awaitHere();
            return never.isCancelled() ? "cancelled" : "not cancelled";
        });
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread h = dev.asyncio4j.jdk.internal.VirtualThreads.newThread("test-home", () -> {
            try {
                outcome.set(loop.runUntilComplete(main));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        home[0] = h;
        h.start();
        h.join(20_000);
        assertEquals("cancelled", outcome.get());
        assertTrue(secondRan.get());
        assertFalse(overlapped.get(), "the home thread ran a callback while a body's thread held the turn");
    }
}
