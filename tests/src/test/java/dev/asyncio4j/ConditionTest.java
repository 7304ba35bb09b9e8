package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Condition;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Lock;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPython 3.13's test_locks.ConditionTests, ported. */
class ConditionTest {
    private static boolean waitAndLog(Condition cond, List<Integer> result, int n, boolean release) {
        Asyncio.await(cond.acquire());
        if (Asyncio.await(cond.waitAsync())) {
            result.add(n);
            if (release) {
                cond.release();
            }
        }
        return true;
    }

    @Test
    void waitAndSignal() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> ts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                ts.add(Asyncio.createTask(() -> waitAndLog(cond, result, n, false)));
            }
            sleep0();
            assertEquals(List.of(), result);
            assertFalse(cond.isLocked());

            assertTrue(Asyncio.await(cond.acquire()));
            cond.signal();
            sleep0();
            assertEquals(List.of(), result);
            assertTrue(cond.isLocked());

            cond.release();
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(cond.isLocked());

            cond.signal(2);
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(cond.isLocked());

            cond.release();
            sleep0();
            assertEquals(List.of(1, 2), result);
            assertTrue(cond.isLocked());

            cond.release();
            sleep0();
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.isLocked());
            for (Task<Boolean> t : ts) {
                assertTrue(t.isDone() && t.result());
            }
            return null;
        });
    }

    @Test
    void waitCancel() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            Asyncio.await(cond.acquire());
            Task<Boolean> wait = Asyncio.createTask(() -> Asyncio.await(cond.waitAsync()));
            Asyncio.getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(wait));
            assertEquals(0, cond.waiterCount());
            assertTrue(cond.isLocked());
            return null;
        });
    }

    @Test
    void waitCancelContested() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            Asyncio.await(cond.acquire());
            assertTrue(cond.isLocked());
            Task<Boolean> waitTask = Asyncio.createTask(() -> Asyncio.await(cond.waitAsync()));
            sleep0();
            assertFalse(cond.isLocked());
            Asyncio.await(cond.acquire());
            assertTrue(cond.isLocked());
            cond.signal();
            EventLoop loop = Asyncio.getRunningLoop();
            loop.callSoon(waitTask::cancel);
            loop.callSoon(cond::release);
            try {
                Asyncio.await(waitTask);
            } catch (CancelledError expectedOrNot) {
                // as in CPython: either outcome is fine, the lock must be held afterwards
            }
            assertTrue(cond.isLocked());
            return null;
        });
    }

    @Test
    void waitCancelAfterNotify() {
        Asyncio.run(() -> {
            boolean[] waited = {false};
            Condition cond = new Condition();
            Task<Void> waiter = Asyncio.createTask(() -> cond.withLock(() -> {
                waited[0] = true;
                Asyncio.await(cond.waitAsync());
                return null;
            }));
            sleep0();
            Asyncio.await(cond.acquire());
            cond.signal();
            sleep0();
            waiter.cancel();
            sleep0();
            cond.release();
            sleep0();
            assertTrue(waiter.isCancelled());
            assertTrue(waited[0]);
            return null;
        });
    }

    @Test
    void waitUnacquired() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            assertThrows(IllegalStateException.class, () -> Asyncio.await(cond.waitAsync()));
            return null;
        });
    }

    @Test
    void waitFor() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            boolean[] presult = {false};
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = Asyncio.createTask(() -> {
                Asyncio.await(cond.acquire());
                if (Asyncio.await(cond.waitFor(() -> presult[0]))) {
                    result.add(1);
                    cond.release();
                }
                return true;
            });
            sleep0();
            assertEquals(List.of(), result);
            Asyncio.await(cond.acquire());
            cond.signal();
            cond.release();
            sleep0();
            assertEquals(List.of(), result);
            presult[0] = true;
            Asyncio.await(cond.acquire());
            cond.signal();
            cond.release();
            sleep0();
            assertEquals(List.of(1), result);
            assertTrue(t.isDone() && t.result());
            return null;
        });
    }

    @Test
    void waitForUnacquired() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            assertTrue(Asyncio.await(cond.waitFor(() -> true)));
            assertThrows(IllegalStateException.class, () -> Asyncio.await(cond.waitFor(() -> false)));
            return null;
        });
    }

    @Test
    void signalCounts() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            List<Task<Boolean>> ts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                ts.add(Asyncio.createTask(() -> waitAndLog(cond, result, n, true)));
            }
            sleep0();
            assertEquals(List.of(), result);
            Asyncio.await(cond.acquire());
            cond.signal(1);
            cond.release();
            sleep0();
            assertEquals(List.of(1), result);
            Asyncio.await(cond.acquire());
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            sleep0();
            assertEquals(List.of(1, 2, 3), result);
            for (Task<Boolean> t : ts) {
                assertTrue(t.isDone() && t.result());
            }
            return null;
        });
    }

    @Test
    void signalAll() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = Asyncio.createTask(() -> waitAndLog(cond, result, 1, true));
            Task<Boolean> t2 = Asyncio.createTask(() -> waitAndLog(cond, result, 2, true));
            sleep0();
            assertEquals(List.of(), result);
            Asyncio.await(cond.acquire());
            cond.signalAll();
            cond.release();
            sleep0();
            assertEquals(List.of(1, 2), result);
            assertTrue(t1.isDone() && t1.result());
            assertTrue(t2.isDone() && t2.result());
            return null;
        });
    }

    @Test
    void signalUnacquired() {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::signal);
        assertThrows(IllegalStateException.class, cond::signalAll);
    }

    @Test
    void repr() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            assertTrue(cond.toString().contains("unlocked"));
            Asyncio.await(cond.acquire());
            assertTrue(cond.toString().endsWith("[locked]>"));
            Task<Boolean> t1 = Asyncio.createTask(() -> cond.withLock(() -> Asyncio.await(cond.waitAsync())));
            Task<Boolean> t2 = Asyncio.createTask(() -> cond.withLock(() -> Asyncio.await(cond.waitAsync())));
            cond.release();
            sleep0();
            sleep0();
            assertTrue(cond.toString().contains("waiters:2"), cond.toString());
            Asyncio.await(cond.acquire());
            cond.signalAll();
            cond.release();
            Aio.gather(t1, t2);
            return null;
        });
    }

    @Test
    void contextManager() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            assertFalse(cond.isLocked());
            cond.withLock(() -> {
                assertTrue(cond.isLocked());
                return null;
            });
            assertFalse(cond.isLocked());
            return null;
        });
    }

    @Test
    void explicitLock() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Condition cond = new Condition(lock);
            assertFalse(lock.isLocked());
            assertFalse(cond.isLocked());
            cond.withLock(() -> {
                assertTrue(lock.isLocked());
                assertTrue(cond.isLocked());
                return null;
            });
            assertFalse(lock.isLocked() || cond.isLocked());
            lock.withLock(() -> {
                assertTrue(lock.isLocked());
                assertTrue(cond.isLocked());
                return null;
            });
            assertFalse(lock.isLocked() || cond.isLocked());
            assertThrows(NullPointerException.class, () -> new Condition(null));
            return null;
        });
    }

    @Test
    void ambiguousLoops() {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        Asyncio.run(() -> {
            Asyncio.await(lock.acquire());
            Task<Boolean> waiter = Asyncio.createTask(() -> Asyncio.await(lock.acquire()));
            sleep0();
            lock.release();
            Asyncio.await(waiter);
            lock.release();
            return null;
        });
        Asyncio.run(() -> lock.withLock(() -> {
            // the lock's fast path works on any loop; waiting on it does not
            IllegalStateException e = assertThrows(IllegalStateException.class, cond::acquire);
            assertTrue(e.getMessage().contains("is bound to a different event loop"));
            return null;
        }));
        Condition other = new Condition();
        Asyncio.run(() -> other.withLock(() -> Asyncio.await(other.waitFor(() -> true))));
        Asyncio.run(() -> other.withLock(() -> {
            Task<Boolean> t = Asyncio.createTask(() -> other.withLock(() -> Asyncio.await(other.waitAsync())));
            Asyncio.await(other.waitFor(() -> true));
            t.cancel();
            return null;
        }));
        Asyncio.run(() -> {
            Condition bound = new Condition();
            Asyncio.await(bound.acquire());
            Task<Boolean> t = Asyncio.createTask(() -> Asyncio.await(bound.waitAsync()));
            t.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(t));
            return null;
        });
    }

    @Test
    void timeoutInBlock() {
        Asyncio.run(() -> {
            Condition condition = new Condition();
            condition.withLock(() -> {
                assertThrows(TimeoutError.class, () -> Aio.waitFor(condition.waitAsync(), 0.05));
                assertTrue(condition.isLocked());
                return null;
            });
            return null;
        });
    }

    @Test
    void cancelledErrorWakeup() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            CancelledError[] raised = {null};
            Task<Void> task = Asyncio.createTask(() -> cond.withLock(() -> {
                raised[0] = assertThrows(CancelledError.class, () -> Asyncio.await(cond.waitFor(() -> false)));
                throw raised[0];
            }));
            sleep0();
            task.cancel("foo");
            CancelledError err = assertThrows(CancelledError.class, () -> Asyncio.await(task));
            assertEquals("foo", err.getMessage());
            assertSame(raised[0], err);
            assertFalse(cond.isLocked());
            return null;
        });
    }

    @Test
    void cancelledErrorReacquire() {
        Asyncio.run(() -> {
            Condition cond = new Condition();
            boolean[] wake = {false};
            CancelledError[] raised = {null};
            Task<Void> task = Asyncio.createTask(() -> cond.withLock(() -> {
                raised[0] = assertThrows(CancelledError.class, () -> Asyncio.await(cond.waitFor(() -> wake[0])));
                throw raised[0];
            }));
            sleep0();
            Asyncio.await(cond.acquire());
            wake[0] = true;
            cond.signal();
            sleep0();
            task.cancel("foo");
            cond.release();
            CancelledError err = assertThrows(CancelledError.class, () -> Asyncio.await(task));
            assertEquals("foo", err.getMessage());
            assertSame(raised[0], err);
            return null;
        });
    }

    private static int[] consumerState() {
        return new int[] {0};
    }

    private static Task<Void> consumer(Condition condition, int[] state) {
        return Asyncio.createTask(() -> condition.withLock(() -> {
            while (true) {
                Asyncio.await(condition.waitFor(() -> state[0] != 0));
                if (state[0] < 0) {
                    return null;
                }
                state[0] -= 1;
            }
        }));
    }

    @Test
    void cancelledWakeup() {
        Asyncio.run(() -> {
            Condition condition = new Condition();
            int[] state = consumerState();
            Task<Void> c0 = consumer(condition, state);
            Task<Void> c1 = consumer(condition, state);
            sleep0();
            condition.withLock(() -> {
                state[0] += 1;
                condition.signal(1);
                c0.cancel();
                try {
                    Aio.waitFor(condition.waitFor(() -> state[0] == 0), 0.05);
                } catch (TimeoutError e) {
                    // checked below
                }
                assertEquals(0, state[0]);
                state[0] = -1;
                condition.signalAll();
                return null;
            });
            Asyncio.await(c1);
            assertTrue(c0.isCancelled());
            return null;
        });
    }

    @Test
    void cancelledWakeupRelock() {
        Asyncio.run(() -> {
            Condition condition = new Condition();
            int[] state = consumerState();
            Task<Void> c0 = consumer(condition, state);
            Task<Void> c1 = consumer(condition, state);
            sleep0();
            condition.withLock(() -> {
                state[0] += 1;
                condition.signal(1);
                sleep0();
                c0.cancel();
                try {
                    Aio.waitFor(condition.waitFor(() -> state[0] == 0), 0.05);
                } catch (TimeoutError e) {
                    // checked below
                }
                assertEquals(0, state[0]);
                state[0] = -1;
                condition.signalAll();
                return null;
            });
            Asyncio.await(c1);
            return null;
        });
    }
}
