package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Condition;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Lock;
import dev.asyncio4j.Queue;
import dev.asyncio4j.QueueShutDown;
import dev.asyncio4j.Semaphore;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Randomized cancellation stress: thousands of waiters, cancels landing at random moments and — on purpose — in
 * the same loop iteration in which a waiter is woken. Invariants: no lock or permit leaked or lost, at most the
 * allowed number of holders at once, FIFO grants among the waiters that were not cancelled, no queue item lost,
 * duplicated or reordered, no lost Condition wake-up. Each seed is printed by its test name, so a failure replays.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncStressTest {
    private static final int WAITERS = 3000;

    /** Holds a lock or permits: {@code acquire} gives the Future to wait on, {@code release} gives it back. */
    private static void grantStress(long seed, int capacity, Supplier<Future<Boolean>> acquire, Runnable release,
                                    Supplier<Boolean> idle) {
        Random rnd = new Random(seed);
        List<Integer> grants = new ArrayList<>();
        int[] holders = {0};
        int[] maxHolders = {0};
        int[] cancelled = {0};
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> allSettled = loop.createFuture();
            int[] settled = {0};
            List<Future<Boolean>> ops = new ArrayList<>();
            int[] oldest = {0};
            Runnable settle = () -> {
                if (++settled[0] == WAITERS) {
                    allSettled.setResult(null);
                }
            };
            for (int i = 0; i < WAITERS; i++) {
                loop.callLater(rnd.nextDouble() * 0.05, () -> {
                    int seq = ops.size();
                    Future<Boolean> f = acquire.get();
                    ops.add(f);
                    if (rnd.nextInt(4) == 0) {
                        loop.callLater(rnd.nextDouble() * 0.01, f::cancel);
                    }
                    f.addDoneCallback(done -> {
                        if (done.isCancelled()) {
                            cancelled[0]++;
                            settle.run();
                            return;
                        }
                        assertTrue(done.result());
                        holders[0]++;
                        maxHolders[0] = Math.max(maxHolders[0], holders[0]);
                        grants.add(seq);
                        Runnable giveBack = () -> {
                            holders[0]--;
                            release.run();
                            // Cancel the waiter this release just woke (the oldest pending one), in the very
                            // iteration it was woken: it must pass the lock or permit on.
                            if (rnd.nextInt(3) == 0) {
                                while (oldest[0] < ops.size() && ops.get(oldest[0]).isDone()) {
                                    oldest[0]++;
                                }
                                if (oldest[0] < ops.size()) {
                                    ops.get(oldest[0]).cancel();
                                }
                            }
                            settle.run();
                        };
                        switch (rnd.nextInt(3)) {
                            case 0:
                                giveBack.run();
                                break;
                            case 1:
                                loop.callSoon(giveBack);
                                break;
                            default:
                                loop.callLater(rnd.nextDouble() * 0.0005, giveBack);
                                break;
                        }
                    });
                });
            }
            // A lost wake-up leaves waiters pending forever: fail on the loop's clock instead of hanging.
            Aio.waitFor(allSettled, 20);
            return null;
        });
        assertEquals(WAITERS, grants.size() + cancelled[0]);
        assertTrue(cancelled[0] > WAITERS / 10, "too few cancellations to prove anything: " + cancelled[0]);
        assertTrue(maxHolders[0] <= capacity, "more holders than permits: " + maxHolders[0]);
        for (int i = 1; i < grants.size(); i++) {
            assertTrue(grants.get(i - 1) < grants.get(i), "grants out of FIFO order at " + i + ": " + grants);
        }
        assertTrue(idle.get(), "a lock or permit leaked");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void lock(long seed) {
        Lock lock = new Lock();
        grantStress(seed, 1, lock::acquire, lock::release, () -> !lock.isLocked() && !lock.toString().contains("waiters"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5, 6})
    void semaphore(long seed) {
        Semaphore sem = new Semaphore(3);
        grantStress(seed, 3, sem::acquire, sem::release, () -> sem.toString().equals("<Semaphore [unlocked, value:3]>"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void queue(long seed) {
        Random rnd = new Random(seed);
        int items = WAITERS;
        List<Integer> inserted = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        Set<Integer> cancelledPuts = new HashSet<>();
        int[] cancelledGets = {0};
        List<Integer> leftovers = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            // Every timer this test sets, counted until it fired: the check below waits for them on the loop's
            // own ordering, not for a stretch of wall-clock time (a loaded machine runs timers late).
            int[] timersLeft = {0};
            java.util.function.BiConsumer<Double, Runnable> later = (delay, r) -> {
                timersLeft[0]++;
                loop.callLater(delay, () -> {
                    timersLeft[0]--;
                    r.run();
                });
            };
            Queue<Integer> q = new Queue<>(5);
            List<Future<?>> all = new ArrayList<>();
            List<Future<Integer>> gets = new ArrayList<>();
            int[] oldestGet = {0};
            for (int i = 0; i < items; i++) {
                int item = i;
                // Bursts of puts and bursts of gets, so that both sides queue up and cancels hit waiters.
                later.accept(rnd.nextInt(5) * 0.01, () -> {
                    Future<Void> put = q.put(item);
                    all.add(put);
                    put.addDoneCallback(done -> {
                        if (done.isCancelled()) {
                            cancelledPuts.add(item);
                        }
                    });
                    if (put.isDone()) {
                        inserted.add(item);
                    } else {
                        // Runs in the same step that inserts the item, before anything else.
                        putCallbackOnFinish(put, () -> inserted.add(item));
                    }
                    if (rnd.nextInt(4) == 0) {
                        later.accept(rnd.nextDouble() * 0.01, put::cancel);
                    }
                    // Cancel the getter this put may just have woken, in the same iteration.
                    if (rnd.nextInt(3) == 0) {
                        while (oldestGet[0] < gets.size() && gets.get(oldestGet[0]).isDone()) {
                            oldestGet[0]++;
                        }
                        if (oldestGet[0] < gets.size()) {
                            gets.get(oldestGet[0]).cancel();
                        }
                    }
                });
                // More getters than items, so that getters still wait at the end: a lost wake-up shows.
                int getsHere = i % 2 == 0 ? 2 : 1;
                for (int g = 0; g < getsHere; g++) later.accept(rnd.nextInt(5) * 0.01 + 0.005, () -> {
                    Future<Integer> get = q.get();
                    all.add(get);
                    gets.add(get);
                    if (get.isDone()) {
                        taken.add(get.result());
                    } else {
                        // Runs in the same step that takes the item, before anything else.
                        get.addDoneCallback(done -> {
                            if (done.isCancelled()) {
                                cancelledGets[0]++;
                            } else if (done.exception() == null) {
                                taken.add(done.result());
                            }
                        });
                    }
                    if (rnd.nextInt(4) == 0) {
                        later.accept(rnd.nextDouble() * 0.01, get::cancel);
                    }
                    if (rnd.nextInt(5) == 0 && !all.isEmpty()) {
                        all.get(rnd.nextInt(all.size())).cancel();
                    }
                });
            }
            while (timersLeft[0] > 0) {
                Aio.sleep(0.01);
            }
            // The wake-ups still passing on (a putter woken takes one iteration to put, the getter it wakes another)
            // form chains as long as the backlog: settled is when nothing moved for ten iterations in a row.
            int quiet = 0;
            int progress = -1;
            while (quiet < 10) {
                Aio.sleep0();
                int now = inserted.size() + taken.size() + cancelledPuts.size() + cancelledGets[0];
                quiet = now == progress ? quiet + 1 : 0;
                progress = now;
            }
            // Settled: an item waiting while a getter waits (or room while a putter waits) is a lost wake-up.
            boolean getterWaiting = gets.stream().anyMatch(g -> !g.isDone());
            assertFalse(getterWaiting && !q.isEmpty(), "a getter waits although items are queued: " + q);
            assertFalse(q.toString().contains("_putters") && !q.isFull(), "a putter waits although there is room: " + q);
            q.shutdown();
            for (Future<?> f : all) {
                try {
                    Asyncio.await(f);
                } catch (CancelledError | QueueShutDown expected) {
                    // counted by the callbacks
                }
            }
            Aio.sleep0();
            while (!q.isEmpty()) {
                leftovers.add(q.getNowait());
            }
            return null;
        });
        List<Integer> out = new ArrayList<>(taken);
        out.addAll(leftovers);
        assertEquals(inserted, out, "items lost, duplicated or reordered");
        for (Integer c : cancelledPuts) {
            assertFalse(inserted.contains(c), "a cancelled put added its item " + c);
        }
        assertEquals(items, inserted.size() + cancelledPuts.size() + countShutDownPuts(items, inserted, cancelledPuts));
        assertTrue(cancelledPuts.size() > items / 50 && cancelledGets[0] > items / 50,
                "too few cancellations: puts " + cancelledPuts.size() + ", gets " + cancelledGets[0]);
    }

    private static int countShutDownPuts(int items, List<Integer> inserted, Set<Integer> cancelledPuts) {
        return items - inserted.size() - cancelledPuts.size();
    }

    /** A done-callback registered now runs in the step that finishes {@code f} (operations run them inline). */
    private static <T> void putCallbackOnFinish(Future<T> f, Runnable r) {
        f.addDoneCallback(done -> {
            if (!done.isCancelled() && done.exception() == null) {
                r.run();
            }
        });
    }

    @Test
    void conditionNeverLosesAWakeUp() {
        Random rnd = new Random(42);
        int consumers = 300;
        int produced = 2000;
        int[] state = {0};
        int[] consumed = {0};
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<Task<Void>> cs = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                cs.add(Asyncio.createTask(() -> cond.withLock(() -> {
                    while (true) {
                        Asyncio.await(cond.waitFor(() -> state[0] != 0));
                        if (state[0] < 0) {
                            return null;
                        }
                        state[0]--;
                        consumed[0]++;
                    }
                })));
            }
            Aio.sleep0();
            int alive = consumers;
            for (int n = 0; n < produced; n++) {
                cond.withLock(() -> {
                    state[0]++;
                    cond.signal(1);
                    return null;
                });
                // Cancel a consumer, often right after it was signalled, keeping a few alive.
                if (alive > 5 && rnd.nextInt(10) == 0) {
                    Task<Void> victim = cs.get(rnd.nextInt(cs.size()));
                    if (!victim.isDone() && victim.cancel()) {
                        alive--;
                    }
                }
                if (rnd.nextBoolean()) {
                    Aio.sleep0();
                }
            }
            // Consumers do not signal back: poll. A lost wake-up leaves state > 0 with every survivor waiting.
            double deadline = Asyncio.getRunningLoop().time() + 5;
            while (state[0] != 0 && Asyncio.getRunningLoop().time() < deadline) {
                Aio.sleep(0.001);
            }
            assertEquals(0, state[0], "a wake-up was lost");
            cond.withLock(() -> {
                state[0] = -1;
                cond.signalAll();
                return null;
            });
            for (Task<Void> c : cs) {
                try {
                    Asyncio.await(c);
                } catch (CancelledError expected) {
                    // a victim
                }
            }
            assertFalse(cond.isLocked());
            return null;
        });
        assertEquals(produced, consumed[0]);
    }
}
