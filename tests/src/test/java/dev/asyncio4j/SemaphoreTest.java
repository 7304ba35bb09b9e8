package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.BoundedSemaphore;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Future;
import dev.asyncio4j.Semaphore;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython 3.13's test_locks.SemaphoreTests, ported. */
class SemaphoreTest {
    @Test
    void initialValueZero() {
        assertTrue(new Semaphore(0).isLocked());
    }

    @Test
    void repr() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore();
            assertTrue(sem.toString().endsWith("[unlocked, value:1]>"), sem.toString());
            Asyncio.await(sem.acquire());
            assertTrue(sem.toString().endsWith("[locked]>"));
            assertFalse(sem.toString().contains("waiters"));
            Future<Boolean> a = sem.acquire();
            Future<Boolean> b = sem.acquire();
            assertTrue(sem.toString().contains("waiters:2"));
            a.cancel();
            b.cancel();
            return null;
        });
        assertTrue(new BoundedSemaphore(2).toString().startsWith("<BoundedSemaphore [unlocked, value:2"));
    }

    @Test
    void semaphoreValue() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
        assertFalse(new Semaphore().isLocked());
    }

    private static Task<Boolean> acquirer(Semaphore sem, List<Integer> result, int n) {
        return Asyncio.createTask(() -> {
            Asyncio.await(sem.acquire());
            result.add(n);
            return true;
        });
    }

    @Test
    void acquire() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(3);
            List<Integer> result = new ArrayList<>();
            assertTrue(Asyncio.await(sem.acquire()));
            assertTrue(Asyncio.await(sem.acquire()));
            assertFalse(sem.isLocked());
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = acquirer(sem, result, 2);
            Task<Boolean> t3 = acquirer(sem, result, 3);
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(sem.isLocked());
            assertEquals(2, sem.waiterCount());
            Task<Boolean> t4 = acquirer(sem, result, 4);
            sem.release();
            sem.release();
            sleep0();
            assertEquals(3, result.size());
            assertTrue(sem.isLocked());
            assertEquals(1, sem.waiterCount());
            assertTrue(t1.isDone() && t1.result());
            int done = 0;
            for (Task<Boolean> t : List.of(t2, t3, t4)) {
                if (t.isDone() && t.result()) {
                    done++;
                }
            }
            assertEquals(2, done);
            sem.release();
            Aio.gather(t2, t3, t4);
            return null;
        });
    }

    @Test
    void acquireCancel() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore();
            Asyncio.await(sem.acquire());
            Task<Boolean> acquire = Asyncio.createTask(() -> Asyncio.await(sem.acquire()));
            Asyncio.getRunningLoop().callSoon(acquire::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(acquire));
            assertEquals(0, sem.waiterCount());
            return null;
        });
    }

    @Test
    void acquireCancelBeforeAwoken() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Task<Boolean>> ts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ts.add(Asyncio.createTask(() -> Asyncio.await(sem.acquire())));
            }
            sleep0();
            ts.get(0).cancel();
            ts.get(1).cancel();
            sem.release();
            sleep0();
            sleep0();
            assertTrue(ts.get(2).isDone());
            assertFalse(ts.get(3).isDone());
            ts.get(2).cancel();
            ts.get(3).cancel();
            sleep0();
            return null;
        });
    }

    @Test
    void acquireHang() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = Asyncio.createTask(() -> Asyncio.await(sem.acquire()));
            Task<Boolean> t2 = Asyncio.createTask(() -> Asyncio.await(sem.acquire()));
            sleep0();
            t1.cancel();
            sem.release();
            sleep0();
            sleep0();
            assertTrue(sem.isLocked());
            assertTrue(t2.isDone());
            return null;
        });
    }

    @Test
    void acquireNoHang() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(1);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Task<Void>[] t2 = new Task[1];
            Task<Void> t1 = Asyncio.createTask(() -> {
                sem.withPermit(() -> {
                    sleep0();
                    return null;
                });
                t2[0].cancel();
                return null;
            });
            t2[0] = Asyncio.createTask(() -> sem.withPermit(() -> {
                throw new AssertionError("must not get the permit");
            }));
            List<Object> rs = Aio.gatherReturnExceptions(t1, t2[0]);
            assertNull(rs.get(0));
            assertInstanceOf(CancelledError.class, rs.get(1));
            Aio.waitFor(sem.acquire(), 1.0);
            return null;
        });
    }

    @Test
    void releaseNotAcquired() {
        BoundedSemaphore sem = new BoundedSemaphore();
        assertThrows(IllegalArgumentException.class, sem::release);
    }

    @Test
    void releaseNoWaiters() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore();
            Asyncio.await(sem.acquire());
            assertTrue(sem.isLocked());
            sem.release();
            assertFalse(sem.isLocked());
            return null;
        });
    }

    @Test
    void acquireFifoOrder() {
        List<String> result = new ArrayList<>();
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Task<Void>> ts = new ArrayList<>();
            for (String tag : List.of("c1", "c2", "c3")) {
                ts.add(Asyncio.createTask(() -> {
                    Asyncio.await(sem.acquire());
                    result.add(tag + "_1");
                    Aio.sleep(0.01);
                    sem.release();
                    Asyncio.await(sem.acquire());
                    result.add(tag + "_2");
                    Aio.sleep(0.01);
                    sem.release();
                    return null;
                }));
            }
            Aio.gather(ts.toArray(new Future<?>[0]));
            return null;
        });
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    @Test
    void acquireFifoOrder2() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(1);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = Asyncio.createTask(() -> {
                Asyncio.await(sem.acquire());
                result.add(2);
                sem.release();
                Asyncio.await(sem.acquire());
                result.add(4);
                return true;
            });
            Task<Boolean> t3 = acquirer(sem, result, 3);
            sleep0();
            sem.release();
            sem.release();
            Aio.gather(t1, t2, t3);
            assertEquals(List.of(1, 2, 3, 4), result);
            return null;
        });
    }

    @Test
    void acquireFifoOrder3() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = acquirer(sem, result, 1);
            Task<Boolean> t2 = acquirer(sem, result, 2);
            Task<Boolean> t3 = acquirer(sem, result, 3);
            sleep0();
            t1.cancel();
            sleep0();
            sem.release();
            sem.release();
            Aio.gatherReturnExceptions(t1, t2, t3);
            assertEquals(List.of(2, 3), result);
            return null;
        });
    }

    @Test
    void acquireFifoOrder4() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Task<Boolean>[] t4 = new Task[1];
            Task<Boolean> t1 = Asyncio.createTask(() -> {
                assertTrue(sem.toString().contains("locked"));
                Asyncio.await(sem.acquire());
                assertTrue(sem.isLocked());
                t4[0] = Asyncio.createTask(() -> {
                    result.add(4);
                    return true;
                });
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = Asyncio.createTask(() -> {
                sem.release();
                sem.release();
                sem.release();
                assertTrue(sem.toString().contains("locked"));
                assertTrue(sem.isLocked());
                Asyncio.await(sem.acquire());
                result.add(2);
                return true;
            });
            Task<Boolean> t3 = Asyncio.createTask(() -> {
                Asyncio.await(sem.acquire());
                assertTrue(sem.isLocked());
                result.add(3);
                return true;
            });
            sleep0();
            assertEquals(3, sem.waiterCount());
            sleep0();
            Aio.gather(t1, t2, t3, t4[0]);
            assertEquals(List.of(1, 2, 3, 4), result);
            return null;
        });
    }

    @Test
    void cancelledAfterPermitHandedOverGivesItBack() {
        Asyncio.run(() -> {
            Semaphore sem = new Semaphore(0);
            Future<Boolean> a = sem.acquire();
            Future<Boolean> b = sem.acquire();
            sem.release();            // the permit goes to a ...
            assertTrue(a.cancel());   // ... which is cancelled before it could see it
            sleep0();
            assertTrue(a.isCancelled());
            sleep0();
            assertTrue(b.isDone() && b.result());
            assertTrue(sem.isLocked());
            sem.release();
            assertFalse(sem.isLocked());
            return null;
        });
    }

    @Test
    void withPermitReleasesOnFailure() {
        Asyncio.run(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            assertThrows(IllegalStateException.class, () -> sem.withPermit(() -> {
                assertFalse(sem.isLocked());
                throw new IllegalStateException("boom");
            }));
            assertEquals(2, Integer.parseInt(sem.toString().replaceAll(".*value:(\\d+).*", "$1")));
            return null;
        });
    }
}
