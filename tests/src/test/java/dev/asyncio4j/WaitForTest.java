package dev.asyncio4j;

import dev.asyncio4j.test.TestLoop;
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
import dev.asyncio4j.Task;
import dev.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Test;

/** Ported from CPython 3.12's test_waitfor. */
class WaitForTest {
    private static final double EPSILON = 0.0001;

    @Test
    void cancelledWaitForCancelsTheInnerAndItFinishesItsWork() {
        // test_asyncio_wait_for_cancelled: SlowTask ignores cancel requests until its time is up.
        boolean[] exited = {false};
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<Void> slow = Asyncio.createTask(() -> slowTask(loop, 0.05, exited));
            Future<Void> w = Asyncio.waitFor(slow, 0.1);
            Asyncio.await(Asyncio.sleep(0));
            w.cancel();
            Asyncio.await(Asyncio.wait(java.util.List.of(w)));
            assertTrue(exited[0]);
            return null;
        });
    }

    @Test
    void timeoutWaitsForTheInnerToFinishCancelling() {
        // test_asyncio_wait_for_timeout.
        boolean[] exited = {false};
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<Void> slow = Asyncio.createTask(() -> slowTask(loop, 0.05, exited));
            try {
                Asyncio.await(Asyncio.waitFor(slow, 0.02));
            } catch (TimeoutError e) {
                // expected, or a result if the task outlived the cancellation
            }
            assertTrue(exited[0]);
            return null;
        });
    }

    private static Void slowTask(EventLoop loop, double duration, boolean[] exited) {
        double exitAt = loop.time() + duration;
        while (true) {
            double left = exitAt - loop.time();
            if (left <= 0) {
                break;
            }
            try {
                Asyncio.await(Asyncio.sleep(left));
            } catch (CancelledError ignored) {
                // runs for its time, ignoring cancel requests
            }
        }
        exited[0] = true;
        return null;
    }

    @Test
    void nonPositiveTimeoutOnADoneFutureReturnsItsResult() {
        Asyncio.run(() -> {
            Future<String> fut = Asyncio.getRunningLoop().createFuture();
            fut.setResult("done");
            assertEquals("done", Asyncio.await(Asyncio.waitFor(fut, 0.0)));
            assertEquals("done", Asyncio.await(Asyncio.waitFor(fut, -1.0)));
            assertTrue(fut.isDone());
            return null;
        });
    }

    @Test
    void zeroTimeoutCoroutineDoesNotStart() {
        boolean[] started = {false};
        Asyncio.run(() -> {
            Task<Void> foo = Asyncio.createTask(() -> {
                started[0] = true;
                return null;
            });
            assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(foo, 0.0)));
            return null;
        });
        assertFalse(started[0]);
    }

    @Test
    void nonPositiveTimeoutCancelsARunningTask() {
        for (double timeout : new double[] {0, -1}) {
            Asyncio.run(() -> {
                boolean[] running = {false};
                Future<Void> started = Asyncio.getRunningLoop().createFuture();
                Task<String> fut = Asyncio.createTask(() -> {
                    running[0] = true;
                    started.setResult(null);
                    try {
                        Asyncio.await(Asyncio.sleep(10));
                    } finally {
                        running[0] = false;
                    }
                    return "done";
                });
                Asyncio.await(started);
                assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(fut, timeout)));
                assertTrue(fut.isDone());
                assertTrue(fut.isCancelled());
                assertFalse(running[0]);
                return null;
            }, TestLoop::create);
        }
    }

    @Test
    void waitForCancelsOnTimeout() {
        Asyncio.run(() -> {
            boolean[] running = {false};
            Task<String> fut = Asyncio.createTask(() -> {
                running[0] = true;
                try {
                    Asyncio.await(Asyncio.sleep(60));
                } finally {
                    running[0] = false;
                }
                return "done";
            });
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(fut, 0.1)));
            assertTrue(loop.time() - t0 >= 0.1);
            assertTrue(fut.isDone());
            assertTrue(fut.isCancelled());
            assertFalse(running[0]);
            return null;
        }, TestLoop::create);
    }

    @Test
    void noneTimeoutWaitsForever() {
        Asyncio.run(() -> {
            Task<String> t = Asyncio.createTask(() -> "done");
            assertEquals("done", Asyncio.await(Asyncio.waitFor(t, null)));
            return null;
        });
    }

    @Test
    void resultThatRacesTheTimeoutIsNotLost() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> fut = loop.createFuture();
            Future<String> task = Asyncio.waitFor(fut, 0.2);
            loop.callLater(0.1, () -> fut.setResult("ok"));
            assertEquals("ok", Asyncio.await(task));
            return null;
        });
    }

    @Test
    void resultSetWhenTheTimerFiresWins() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> fut = loop.createFuture();
            double when = loop.time() + 0.02;
            // Both timers are due together; the first sets the result before the wait_for timer runs.
            loop.callAt(when, () -> fut.setResult("ok"));
            Future<String> w = Asyncio.waitFor(fut, when - loop.time());
            assertEquals("ok", Asyncio.await(w));
            return null;
        });
    }

    @Test
    void cancellationRaceConditionReturnsTheResult() {
        Asyncio.run(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> {
                assertThrows(CancelledError.class, () -> Asyncio.await(Asyncio.sleep(1)));
                return 1;
            });
            assertEquals(1, Asyncio.await(Asyncio.waitFor(inner, 0.01)));
            return null;
        }, TestLoop::create);
    }

    @Test
    void waitsForTaskCancellation() {
        Asyncio.run(() -> {
            boolean[] taskDone = {false};
            Task<Void> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    Asyncio.await(Asyncio.sleep(EPSILON));
                    throw e;
                } finally {
                    taskDone[0] = true;
                }
                return null;
            });
            TimeoutError e = assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(inner, EPSILON)));
            assertTrue(taskDone[0]);
            assertInstanceOf(CancelledError.class, e.getCause());
            return null;
        }, TestLoop::create);
    }

    @Test
    void waitsForTaskCancellationWithTimeoutZero() {
        Asyncio.run(() -> {
            boolean[] taskDone = {false};
            Task<Void> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    Asyncio.await(Asyncio.sleep(EPSILON));
                    throw e;
                } finally {
                    taskDone[0] = true;
                }
                return null;
            });
            Asyncio.await(Asyncio.sleep(EPSILON));
            TimeoutError e = assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(inner, 0.0)));
            assertTrue(taskDone[0]);
            assertInstanceOf(CancelledError.class, e.getCause());
            return null;
        }, TestLoop::create);
    }

    @Test
    @SuppressWarnings("finally") // ported as written: the block raises from finally
    void reraisesExceptionDuringCancellation() {
        Asyncio.run(() -> {
            Task<Void> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(0.2));
                } finally {
                    throw new UnsupportedOperationException("foo");
                }
            });
            assertThrows(UnsupportedOperationException.class, () -> Asyncio.await(Asyncio.waitFor(inner, EPSILON)));
            return null;
        }, TestLoop::create);
    }

    private static void cancelWaitFor(Double timeout) {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<Void> blocking = Asyncio.createTask(() -> {
                Future<Void> fut = loop.createFuture();
                return Asyncio.await(fut); // never set
            });
            Task<Void> wait = Asyncio.createTask(() -> Asyncio.await(Asyncio.waitFor(blocking, timeout)));
            loop.callSoon(wait::cancel);
            assertThrows(CancelledError.class, () -> Asyncio.await(wait));
            // Python issue #23219: cancelling the wait must also cancel the task.
            assertTrue(blocking.isCancelled());
            return null;
        });
    }

    @Test
    void cancelBlockingWaitFor() {
        cancelWaitFor(null);
    }

    @Test
    void cancelWaitFor() {
        cancelWaitFor(60.0);
    }

    @Test
    void cancellingTheReturnedFutureCancelsTheInnerAtOnce() {
        Asyncio.run(() -> {
            Future<Integer> inner = Asyncio.getRunningLoop().createFuture();
            Future<Integer> w = Asyncio.waitFor(inner, 10.0);
            assertTrue(w.cancel());
            assertTrue(inner.isCancelled(), "live at once, before any loop iteration");
            assertThrows(CancelledError.class, () -> Asyncio.await(w));
            assertTrue(w.isCancelled());
            return null;
        });
    }

    @Test
    void cancelSuppressedReturnsTheValue() {
        // GH-86296: a task that suppresses CancelledError and returns a value: waitFor returns the value.
        Asyncio.run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    return 42;
                }
                return 0;
            });
            assertEquals(42, Asyncio.await(Asyncio.waitFor(t, 0.1)));
            return null;
        }, TestLoop::create);
    }

    @Test
    void issue86296TaskIsCancelledAndDoesNotRunToCompletion() {
        Asyncio.run(() -> {
            Task<String> inner = Asyncio.createTask(() -> "done");
            boolean[] reachedEnd = {false};
            Task<Void> task = Asyncio.createTask(() -> {
                Asyncio.await(Asyncio.waitFor(inner, 100.0));
                Asyncio.await(Asyncio.sleep(1));
                reachedEnd[0] = true;
                return null;
            });
            assertFalse(task.isDone());
            Asyncio.await(Asyncio.sleep(0));
            task.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(task));
            assertTrue(inner.isDone());
            assertEquals("done", Asyncio.await(inner));
            assertFalse(reachedEnd[0]);
            return null;
        }, TestLoop::create);
    }

    @Test
    void selfCancellationWhileTheInnerHoldsUpItsCancellation() {
        // 3.12: the inner catches both cancellations and returns; waitFor returns its result.
        Asyncio.run(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(0.3));
                } catch (CancelledError e) {
                    try {
                        Asyncio.await(Asyncio.sleep(0.3));
                    } catch (CancelledError e2) {
                        Asyncio.await(Asyncio.sleep(0.03));
                    }
                }
                return 42;
            });
            Future<Integer> wait = Asyncio.waitFor(inner, 0.01);
            Task<Integer> task = Asyncio.createTask(() -> Asyncio.await(wait));
            Asyncio.await(Asyncio.sleep(0.02));
            task.cancel();
            assertEquals(42, Asyncio.await(task));
            assertEquals(42, Asyncio.await(inner));
            return null;
        }, TestLoop::create);
    }

    @Test
    void zeroTimeoutOnAShieldLeavesTheTaskRunning() {
        Asyncio.run(() -> {
            Task<String> task = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0.01, "done")));
            Future<String> shielded = Asyncio.shield(task);
            assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(shielded, 0.0)));
            assertFalse(task.isDone());
            assertFalse(task.isCancelled());
            assertTrue(shielded.isCancelled());
            Asyncio.await(Asyncio.sleep(0.1));
            assertTrue(task.isDone());
            return null;
        }, TestLoop::create);
    }

    @Test
    void noneTimeoutOnAShield() {
        Asyncio.run(() -> {
            Task<String> task = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0.02, "done")));
            Asyncio.await(Asyncio.waitFor(Asyncio.shield(task), null));
            assertTrue(task.isDone());
            assertEquals("done", Asyncio.await(task));
            return null;
        });
    }

    @Test
    void shieldedTimeout() {
        Asyncio.run(() -> {
            Task<String> task = Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0.1, "done")));
            assertThrows(TimeoutError.class, () -> Asyncio.await(Asyncio.waitFor(Asyncio.shield(task), 0.01)));
            assertFalse(task.isDone());
            assertFalse(task.isCancelled());
            assertEquals("done", Asyncio.await(task));
            return null;
        }, TestLoop::create);
    }

    @Test
    void failureOfTheInnerPassesThrough() {
        Asyncio.run(() -> {
            Future<Integer> f = Asyncio.getRunningLoop().createFuture();
            Future<Integer> w = Asyncio.waitFor(f, 1.0);
            IllegalStateException boom = new IllegalStateException("boom");
            f.setException(boom);
            assertSame(boom, assertThrows(IllegalStateException.class, () -> Asyncio.await(w)));
            return null;
        });
    }

    @Test
    void invalidArguments() {
        Asyncio.run(() -> {
            Future<Integer> f = Asyncio.getRunningLoop().createFuture();
            assertThrows(NullPointerException.class, () -> Asyncio.waitFor(null, 1.0));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.waitFor(f, Double.NaN));
            f.cancel();
            return null;
        });
    }
}
