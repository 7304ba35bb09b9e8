package dev.asyncio4j;

import static dev.asyncio4j.Aio.sleep0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.InvalidStateError;
import dev.asyncio4j.Lock;
import dev.asyncio4j.Queue;
import dev.asyncio4j.QueueShutDown;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Future an operation returns behaves like a Task's: states, callbacks, bridge, failure reporting. */
class OperationFutureTest {
    @Test
    void statesAndCallbacks() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Future<Boolean> f = lock.acquire();
            assertFalse(f.isDone());
            assertEquals("<Future pending>", f.toString());
            assertThrows(InvalidStateError.class, f::result);
            assertThrows(InvalidStateError.class, f::exception);
            List<String> calls = new ArrayList<>();
            Consumer<Future<Boolean>> removed = x -> calls.add("removed");
            f.addDoneCallback(x -> calls.add("first"));
            f.addDoneCallback(removed);
            f.addDoneCallback(x -> calls.add("second"));
            assertEquals(1, f.removeDoneCallback(removed));
            assertEquals(f.getLoop(), Asyncio.getRunningLoop());
            lock.release();
            sleep0();
            assertEquals(List.of("first", "second"), calls);
            assertEquals("<Future finished result=true>", f.toString());
            f.addDoneCallback(x -> calls.add("late"));
            assertEquals(2, calls.size());
            sleep0();
            assertEquals(List.of("first", "second", "late"), calls);
            assertFalse(f.cancel());
            return null;
        });
    }

    @Test
    void completableFutureBridge() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Future<Boolean> granted = lock.acquire();
            CompletableFuture<Boolean> cf = granted.toCompletableFuture();
            assertTrue(cf == granted.toCompletableFuture());
            lock.release();
            sleep0();
            assertTrue(cf.join());

            Future<Boolean> withdrawn = lock.acquire();
            CompletableFuture<Boolean> cf2 = withdrawn.toCompletableFuture();
            CompletableFuture.runAsync(() -> cf2.cancel(false)).join();
            for (int i = 0; i < 100 && !withdrawn.isDone(); i++) {
                Aio.sleep(0.001);
            }
            assertTrue(withdrawn.isCancelled());
            assertEquals("<Lock [locked]>", lock.toString());
            return null;
        });
    }

    @Test
    void failuresFollowTheRethrowRuleAndAreReportedWhenNeverRetrieved() {
        List<ExceptionContext> reported = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, ctx) -> reported.add(ctx));
            Queue<String> q = new Queue<>();
            q.shutdown();
            Future<String> read = q.get();
            assertInstanceOf(QueueShutDown.class, read.exception());
            assertThrows(QueueShutDown.class, read::result);
            q.get();                       // failed, never looked at
            return null;
        });
        assertEquals(1, reported.size(), String.valueOf(reported));
        assertInstanceOf(QueueShutDown.class, reported.get(0).exception());
        assertTrue(reported.get(0).message().contains("never retrieved"));
    }

    @Test
    void cancelledOperationReportsCancellation() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Future<Boolean> f = lock.acquire();
            assertTrue(f.cancel());
            assertFalse(f.isDone());       // a request: the cleanup runs first
            sleep0();
            assertTrue(f.isCancelled());
            assertEquals("<Future cancelled>", f.toString());
            assertThrows(CancelledError.class, f::exception);
            assertThrows(UnsupportedOperationException.class, () -> f.setException(new RuntimeException()));
            return null;
        });
    }

    @Test
    void mutatorsRefuseForeignThreads() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            Asyncio.await(lock.acquire());
            Future<Boolean> f = lock.acquire();
            Throwable[] seen = new Throwable[2];
            Thread t = new Thread(() -> {
                try {
                    f.cancel();
                } catch (Throwable e) {
                    seen[0] = e;
                }
                try {
                    f.addDoneCallback(x -> { });
                } catch (Throwable e) {
                    seen[1] = e;
                }
            });
            t.start();
            t.join();
            assertInstanceOf(IllegalStateException.class, seen[0]);
            assertInstanceOf(IllegalStateException.class, seen[1]);
            assertTrue(seen[0].getMessage().contains("callSoonThreadsafe"));
            assertFalse(f.isDone());
            lock.release();
            assertTrue(Asyncio.await(f));
            return null;
        });
    }

    @Test
    void checkedFailureOfWithPermitIsWrapped() {
        Asyncio.run(() -> {
            dev.asyncio4j.Semaphore sem = new dev.asyncio4j.Semaphore();
            CompletionException e = assertThrows(CompletionException.class, () -> sem.withPermit(() -> {
                throw new Exception("checked");
            }));
            assertEquals("checked", e.getCause().getMessage());
            assertFalse(sem.isLocked());
            return null;
        });
    }
}
