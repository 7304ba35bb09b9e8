package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Lock;
import dev.asyncio4j.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** CPython's test_locks.LockTests, ported. */
class LockTest {
    @Test
    void repr() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            assertTrue(lock.toString().endsWith("[unlocked]>"));
            Asyncio.await(lock.acquire());
            assertTrue(lock.toString().endsWith("[locked]>"));
            Task<Boolean> t = Asyncio.createTask(() -> Asyncio.await(lock.acquire()));
            sleep0();
            assertTrue(lock.toString().endsWith("[locked, waiters:1]>"), lock.toString());
            lock.release();
            assertTrue(Asyncio.await(t));
            return null;
        });
    }

    @Test
    void acquire() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            assertTrue(Asyncio.await(lock.acquire()));
            Task<Boolean> t1 = Asyncio.createTask(() -> acquireAndLog(lock, result, 1));
            Task<Boolean> t2 = Asyncio.createTask(() -> acquireAndLog(lock, result, 2));
            sleep0();
            assertEquals(List.of(), result);
            lock.release();
            sleep0();
            assertEquals(List.of(1), result);
            sleep0();
            assertEquals(List.of(1), result);
            Task<Boolean> t3 = Asyncio.createTask(() -> acquireAndLog(lock, result, 3));
            lock.release();
            sleep0();
            assertEquals(List.of(1, 2), result);
            lock.release();
            sleep0();
            assertEquals(List.of(1, 2, 3), result);
            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertTrue(t.isDone());
                assertTrue(t.result());
            }
            return null;
        });
    }

    private static boolean acquireAndLog(Lock lock, List<Integer> result, int n) {
        if (Asyncio.await(lock.acquire())) {
            result.add(n);
        }
        return true;
    }

    @Test
    void acquireCancel() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            assertTrue(Asyncio.await(lock.acquire()));
            Future<Boolean> acquire = lock.acquire();
            Asyncio.getRunningLoop().callSoon(acquire::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(acquire));
            assertEquals(0, lock.waiterCount());
            assertTrue(acquire.isCancelled());
            return null;
        });
    }

    @Test
    void acquireCancelThroughTask() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            assertTrue(Asyncio.await(lock.acquire()));
            Task<Boolean> task = Asyncio.createTask(() -> Asyncio.await(lock.acquire()));
            Asyncio.getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(task));
            assertEquals(0, lock.waiterCount());
            return null;
        });
    }

    private static Void lockit(Lock lock, Future<Void> blocker) {
        Asyncio.await(lock.acquire());
        try {
            if (blocker != null) {
                Asyncio.await(blocker);
            }
        } finally {
            lock.release();
        }
        return null;
    }

    @Test
    void cancelRace() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Future<Void> fa = Asyncio.getRunningLoop().createFuture();
            Task<Void> ta = Asyncio.createTask(() -> lockit(lock, fa));
            sleep0();
            assertTrue(lock.isLocked());
            Task<Void> tb = Asyncio.createTask(() -> lockit(lock, null));
            sleep0();
            assertEquals(1, lock.waiterCount());
            Task<Void> tc = Asyncio.createTask(() -> lockit(lock, null));
            sleep0();
            assertEquals(2, lock.waiterCount());

            fa.setResult(null);
            tb.cancel();
            sleep0();
            assertFalse(lock.isLocked());
            assertTrue(ta.isDone());
            assertTrue(tb.isCancelled());
            Asyncio.await(tc);
            return null;
        });
    }

    @Test
    void cancelReleaseRace() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Lock lock = new Lock();
            int[] lockCount = {0};
            int[] callCount = {0};
            Asyncio.await(lock.acquire());
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ts.add(Asyncio.createTask(() -> {
                    callCount[0]++;
                    Asyncio.await(lock.acquire());
                    lockCount[0]++;
                    return null;
                }));
            }
            sleep0();
            loop.callSoon(() -> {
                ts.get(0).cancel();
                lock.release();
            });
            assertThrows(CancelledError.class, () -> Asyncio.await(ts.get(0)));
            assertEquals(1, lockCount[0]);
            assertEquals(3, callCount[0]);
            assertTrue(ts.get(0).isCancelled() && ts.get(1).isDone());
            ts.get(2).cancel();
            sleep0();
            assertTrue(ts.get(2).isCancelled());
            return null;
        });
    }

    @Test
    void finishedWaiterCancelled() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            assertTrue(lock.isLocked());
            Task<Boolean> tb = Asyncio.createTask(() -> Asyncio.await(lock.acquire()));
            sleep0();
            assertEquals(1, lock.waiterCount());
            Task<Boolean> tc = Asyncio.createTask(() -> Asyncio.await(lock.acquire()));
            tb.cancel();
            lock.release();
            sleep0();
            assertTrue(lock.isLocked());
            assertTrue(tb.isCancelled());
            Asyncio.await(tc);
            return null;
        });
    }

    @Test
    void cancelledAfterHandOverPassesTheLockOn() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Future<Boolean> b = lock.acquire();
            Future<Boolean> c = lock.acquire();
            lock.release();           // hands the lock to b ...
            assertTrue(b.cancel());   // ... which is cancelled before it could see it
            sleep0();
            assertTrue(b.isCancelled());
            assertFalse(lock.isLocked());   // passed on: c was woken and takes it on its next step
            sleep0();
            assertTrue(c.isDone() && c.result());
            assertTrue(lock.isLocked());
            return null;
        });
    }

    @Test
    void releaseNotAcquired() {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().contains("not acquired"));
    }

    @Test
    void releaseNoWaiters() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            assertTrue(lock.isLocked());
            lock.release();
            assertFalse(lock.isLocked());
            return null;
        });
    }

    @Test
    void contextManager() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            assertFalse(lock.isLocked());
            String r = lock.withLock(() -> {
                assertTrue(lock.isLocked());
                return "inside";
            });
            assertEquals("inside", r);
            assertFalse(lock.isLocked());
            assertThrows(IllegalArgumentException.class, () -> lock.withLock(() -> {
                throw new IllegalArgumentException("boom");
            }));
            assertFalse(lock.isLocked());
            CompletionException wrapped = assertThrows(CompletionException.class, () -> lock.withLock(() -> {
                throw new IOException("checked");
            }));
            assertInstanceOf(IOException.class, wrapped.getCause());
            assertFalse(lock.isLocked());
            return null;
        });
    }

    @Test
    void withLockWaitsItsTurn() {
        List<String> log = new ArrayList<>();
        Asyncio.run(() -> {
            Lock lock = new Lock();
            List<Task<Void>> ts = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                ts.add(Asyncio.createTask(() -> lock.withLock(() -> {
                    log.add(name + "+");
                    Aio.sleep(0.001);
                    log.add(name + "-");
                    return null;
                })));
            }
            Aio.gather(ts.toArray(new Future<?>[0]));
            return null;
        });
        assertEquals(List.of("a+", "a-", "b+", "b-", "c+", "c-"), log);
    }

    @Test
    void fastPathCompletesWithoutYielding() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Future<Boolean> f = lock.acquire();
            assertTrue(f.isDone());
            assertTrue(f.result());
            assertFalse(f.cancel());
            assertThrows(UnsupportedOperationException.class, () -> f.setResult(false));
            return null;
        });
    }

    @Test
    void boundToTheFirstLoopThatWaits() {
        Lock lock = new Lock();
        Asyncio.run(() -> {
            Asyncio.await(lock.acquire());
            Task<Boolean> waiter = Asyncio.createTask(() -> Asyncio.await(lock.acquire()));
            sleep0();
            lock.release();
            Asyncio.await(waiter);
            return null;
        });
        assertTrue(lock.isLocked());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> lock.acquire()));
        assertTrue(e.getMessage().contains("bound to a different event loop"), e.getMessage());
        // The fast path needs no waiter and, as in CPython, does not check the loop.
        lock.release();
        assertTrue(Asyncio.run(() -> Asyncio.await(lock.acquire())));
    }

    @Test
    void acquireNeedsARunningLoop() {
        Lock lock = new Lock();
        assertThrows(IllegalStateException.class, lock::acquire);
    }

    @Test
    void cancelledAcquireCarriesTheMessage() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Future<Boolean> f = lock.acquire();
            f.cancel("stop it");
            CancelledError e = assertThrows(CancelledError.class, () -> Asyncio.await(f));
            assertEquals("stop it", e.getMessage());
            assertSame(e, assertThrows(CancelledError.class, f::result));
            return null;
        });
    }
}
