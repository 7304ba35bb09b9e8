package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Ported from CPython 3.12's test_timeouts: {@code async with asyncio.timeout(...)} is {@code Asyncio.withTimeout}. */
class TimeoutTest {
    private static <T> T run(Coroutine<T> main) {
        return Asyncio.run(main);
    }

    @Test
    void basic() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.01, () -> Asyncio.await(Asyncio.sleep(10))));
            assertTrue(loop.time() - t0 >= 0.01);
            assertTrue(loop.time() - t0 < 5);
            assertEquals(0, Asyncio.currentTask().cancelling(), "the timeout withdrew its cancellation");
            return null;
        });
    }

    @Test
    void atBasic() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double deadline = loop.time() + 0.01;
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeoutAt(deadline, () -> Asyncio.await(Asyncio.sleep(10))));
            assertTrue(loop.time() >= deadline);
            return null;
        });
    }

    @Test
    void nestedTimeoutsOnlyTheTopmostRaisesTimeoutError() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            boolean[] cancelled = {false};
            double deadline = loop.time() + 0.01;
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeoutAt(deadline, () -> {
                try {
                    return Asyncio.withTimeoutAt(deadline, () -> Asyncio.await(Asyncio.sleep(10)));
                } catch (CancelledError e) {
                    cancelled[0] = true;
                    throw e;
                }
            }));
            assertTrue(cancelled[0]);
            return null;
        });
    }

    @Test
    void waiterCancelled() {
        run(() -> {
            boolean[] cancelled = {false};
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.01, () -> {
                try {
                    return Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    cancelled[0] = true;
                    throw e;
                }
            }));
            assertTrue(cancelled[0]);
            return null;
        });
    }

    @Test
    void notCalled() {
        run(() -> {
            assertEquals("ok", Asyncio.withTimeout(10, () -> Asyncio.await(Asyncio.sleep(0.01, "ok"))));
            // The timer is gone: sleeping past the deadline is not interrupted.
            return null;
        });
    }

    @Test
    void disabled() {
        run(() -> {
            assertEquals("ok", Asyncio.withTimeout(Double.POSITIVE_INFINITY,
                    () -> Asyncio.await(Asyncio.sleep(0.01, "ok"))));
            assertEquals("ok", Asyncio.withTimeoutAt(Double.POSITIVE_INFINITY,
                    () -> Asyncio.await(Asyncio.sleep(0.01, "ok"))));
            return null;
        });
    }

    @Test
    void zero() {
        run(() -> {
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0, () -> Asyncio.await(Asyncio.sleep(10))));
            return null;
        });
    }

    @Test
    void zeroSleepZero() {
        run(() -> {
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0, () -> Asyncio.await(Asyncio.sleep(0))));
            return null;
        });
    }

    @Test
    void inThePastSleepZero() {
        run(() -> {
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(-11, () -> Asyncio.await(Asyncio.sleep(0))));
            return null;
        });
    }

    @Test
    void foreignExceptionPassed() {
        run(() -> {
            assertThrows(IllegalArgumentException.class, () -> Asyncio.withTimeout(0.01, () -> {
                throw new IllegalArgumentException("key");
            }));
            return null;
        });
    }

    @Test
    void checkedExceptionFollowsTheRethrowRule() {
        run(() -> {
            CompletionException e = assertThrows(CompletionException.class, () -> Asyncio.withTimeout(1, () -> {
                throw new java.io.IOException("io");
            }));
            assertInstanceOf(java.io.IOException.class, e.getCause());
            return null;
        });
    }

    @Test
    void foreignExceptionOnTimeout() {
        run(() -> {
            assertThrows(ArithmeticException.class, () -> Asyncio.withTimeout(0.01, () -> {
                try {
                    return Asyncio.await(Asyncio.sleep(1));
                } finally {
                    int zero = 0;
                    System.out.println(1 / zero);
                }
            }));
            return null;
        });
    }

    @Test
    void foreignCancelDoesNotTimeOutIfNotExpired() {
        run(() -> {
            Task<?> me = Asyncio.currentTask();
            assertThrows(CancelledError.class, () -> Asyncio.withTimeout(10, () -> {
                me.cancel();
                return Asyncio.await(Asyncio.sleep(10));
            }));
            me.uncancel();
            return null;
        });
    }

    @Test
    void outerTaskIsNotCancelled() {
        run(() -> {
            Task<Void> task = Asyncio.createTask(() -> {
                assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.001, () -> Asyncio.await(Asyncio.sleep(10))));
                return null;
            });
            Asyncio.await(task);
            assertFalse(task.isCancelled());
            assertTrue(task.isDone());
            return null;
        });
    }

    @Test
    void nestedTimeoutsConcurrent() {
        run(() -> {
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.002, () ->
                    Asyncio.withTimeout(0.1, () -> {
                        Thread.sleep(10); // pretend we crunch some numbers
                        return Asyncio.await(Asyncio.sleep(1));
                    })));
            return null;
        });
    }

    @Test
    void nestedTimeoutsLoopBusy() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            List<String> seen = new ArrayList<>();
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.1, () -> {
                try {
                    Asyncio.withTimeout(0.01, () -> {
                        Thread.sleep(100); // the loop is busy past both deadlines
                        return Asyncio.await(Asyncio.sleep(1));
                    });
                } catch (RuntimeException e) {
                    // Both deadlines passed: the inner one sees a second request pending and leaves it alone.
                    seen.add(e.getClass().getSimpleName());
                    throw e;
                }
                return Asyncio.await(Asyncio.sleep(10));
            }));
            assertEquals(List.of("CancelledError"), seen);
            assertTrue(loop.time() - t0 <= 1);
            return null;
        });
    }

    @Test
    void nestedTimeoutInFinally() {
        run(() -> {
            assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.01, () -> {
                try {
                    return Asyncio.await(Asyncio.sleep(1));
                } finally {
                    assertThrows(TimeoutError.class,
                            () -> Asyncio.withTimeout(0.01, () -> Asyncio.await(Asyncio.sleep(10))));
                }
            }));
            return null;
        });
    }

    @Test
    void timeoutAfterCancellation() {
        run(() -> {
            try {
                Asyncio.currentTask().cancel();
                Asyncio.await(Asyncio.sleep(1)); // work which will be cancelled
            } catch (CancelledError e) {
                // ignored
            } finally {
                assertThrows(TimeoutError.class, () -> Asyncio.withTimeout(0.0, () -> Asyncio.await(Asyncio.sleep(1))));
            }
            return null;
        });
    }

    @Test
    void cancelInTimeoutAfterCancellation() {
        run(() -> {
            try {
                Asyncio.currentTask().cancel();
                Asyncio.await(Asyncio.sleep(1));
            } catch (CancelledError e) {
                // ignored
            } finally {
                assertThrows(CancelledError.class, () -> Asyncio.withTimeout(1.0, () -> {
                    Asyncio.currentTask().cancel();
                    return Asyncio.await(Asyncio.sleep(2));
                }));
            }
            return null;
        });
    }

    @Test
    void exceptionCauseIsTheCancelledError() {
        run(() -> {
            TimeoutError e = assertThrows(TimeoutError.class,
                    () -> Asyncio.withTimeout(0, () -> Asyncio.await(Asyncio.sleep(1))));
            assertInstanceOf(CancelledError.class, e.getCause());
            return null;
        });
    }

    @Test
    void withoutTaskIsIllegalState() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            dev.asyncio4j.Future<Throwable> seen = loop.createFuture();
            loop.callSoon(() -> {
                try {
                    Asyncio.withTimeout(10, () -> null);
                    seen.setResult(null);
                } catch (Throwable t) {
                    seen.setResult(t);
                }
            });
            assertInstanceOf(IllegalStateException.class, loop.runUntilComplete(seen));
        } finally {
            loop.close();
        }
        assertThrows(IllegalStateException.class, () -> Asyncio.withTimeout(10, () -> null), "no running loop");
    }

    @Test
    void nanIsIllegalArgument() {
        run(() -> {
            assertThrows(IllegalArgumentException.class, () -> Asyncio.withTimeout(Double.NaN, () -> null));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.withTimeoutAt(Double.NaN, () -> null));
            return null;
        });
    }

    @Test
    void resultThatRacesTheTimeoutIsKept() {
        // The block catches the cancellation and returns: no TimeoutError, and no cancellation left behind.
        run(() -> {
            String r = Asyncio.withTimeout(0.01, () -> {
                try {
                    return Asyncio.await(Asyncio.sleep(10, "late"));
                } catch (CancelledError e) {
                    return "caught";
                }
            });
            assertEquals("caught", r);
            assertEquals(0, Asyncio.currentTask().cancelling());
            Asyncio.await(Asyncio.sleep(0.01)); // not cancelled any more
            return null;
        });
    }

    @Test
    void cancellationFromOutsideDuringAnExpiredTimeoutStaysCancelledError() {
        run(() -> {
            Task<String> t = Asyncio.createTask(() -> Asyncio.withTimeout(0.01, () -> {
                try {
                    return Asyncio.await(Asyncio.sleep(10, "x"));
                } catch (CancelledError e) {
                    Asyncio.currentTask().cancel(); // a second request arrives while the timeout expires
                    throw e;
                }
            }));
            assertThrows(CancelledError.class, () -> Asyncio.await(t));
            assertTrue(t.isCancelled());
            return null;
        });
    }

    @Test
    void aBlockThatReturnsAPendingFutureInsteadOfAwaitingItIsRefused() {
        // withTimeout(0.2, () -> Asyncio.sleep(1)) compiles (the block's result is the Future) but bounds nothing.
        run(() -> {
            Future<Void> leftOver = Asyncio.sleep(10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.withTimeout(0.2, () -> leftOver));
            assertTrue(e.getMessage().contains("returned a pending Future"), e.getMessage());
            assertTrue(e.getMessage().contains("Asyncio.await("), e.getMessage());
            assertEquals(0, Asyncio.currentTask().cancelling()); // the timeout was left cleanly
            leftOver.cancel();
            Future<String> done = Asyncio.sleep(0, "done");
            Asyncio.await(done);
            assertSame(done, Asyncio.withTimeout(0.2, () -> done)); // a done Future is a value like any other
            assertEquals("awaited", Asyncio.withTimeout(0.2, () -> Asyncio.await(Asyncio.sleep(0.001, "awaited"))));
            return null;
        });
    }
}
