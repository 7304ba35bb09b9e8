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
import dev.asyncio4j.ExceptionGroup;
import dev.asyncio4j.Task;
import dev.asyncio4j.TaskGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ported from CPython 3.12's test_taskgroups ({@code async with TaskGroup() as g} is {@code Asyncio.taskGroup}). */
class TaskGroupTest {
    static final class MyExc extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static Set<Class<?>> errorTypes(ExceptionGroup eg) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable t : eg.exceptions()) {
            types.add(t.getClass());
        }
        return types;
    }

    private static Void divideByZero() {
        int zero = 0;
        System.out.println(1 / zero);
        return null;
    }

    @Test
    void waitsForAllChildren01() {
        Asyncio.run(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            Asyncio.taskGroup(g -> {
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.1, 42))));
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.2, 11))));
                return null;
            });
            assertEquals(42, ts.get(0).result());
            assertEquals(11, ts.get(1).result());
            return null;
        }, TestLoop::create);
    }

    @Test
    void createTaskLaterInTheBody02() {
        Asyncio.run(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            String r = Asyncio.taskGroup(g -> {
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.1, 42))));
                Asyncio.await(Asyncio.sleep(0.15));
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.2, 11))));
                return "body";
            });
            assertEquals("body", r);
            assertEquals(42, ts.get(0).result());
            assertEquals(11, ts.get(1).result());
            return null;
        }, TestLoop::create);
    }

    @Test
    void explicitlyCancelledChildDoesNotAbort03() {
        Asyncio.run(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            Asyncio.taskGroup(g -> {
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(1, 42))));
                Asyncio.await(Asyncio.sleep(0.05));
                ts.get(0).cancel();
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.1, 11))));
                return null;
            });
            assertTrue(ts.get(0).isCancelled());
            assertEquals(11, ts.get(1).result());
            return null;
        }, TestLoop::create);
    }

    @Test
    void childFailureCancelsSiblings04() {
        int[] num = {0};
        boolean[] t2Cancel = {false};
        List<Task<Void>> t2 = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> runner = Asyncio.createTask(() -> {
                Asyncio.taskGroup(g -> {
                    g.createTask(() -> {
                        Asyncio.await(Asyncio.sleep(0.1));
                        return divideByZero();
                    });
                    t2.add(g.createTask(() -> {
                        try {
                            Asyncio.await(Asyncio.sleep(1));
                        } catch (CancelledError e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    }));
                    return null;
                });
                num[0] += 10;
                return null;
            });
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(runner));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            return null;
        }, TestLoop::create);
        assertEquals(0, num[0]);
        assertTrue(t2Cancel[0]);
        assertTrue(t2.get(0).isCancelled());
    }

    @Test
    void cancelChildrenAndBodyOnChildError() {
        int[] num = {0};
        boolean[] t2Cancel = {false};
        boolean[] runnerCancel = {false};
        Asyncio.run(() -> {
            Task<Void> runner = Asyncio.createTask(() -> {
                Asyncio.taskGroup(g -> {
                    for (int i = 0; i < 3; i++) {
                        g.createTask(() -> {
                            Asyncio.await(Asyncio.sleep(0.1));
                            return divideByZero();
                        });
                    }
                    g.createTask(() -> {
                        try {
                            Asyncio.await(Asyncio.sleep(5));
                        } catch (CancelledError e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    });
                    try {
                        Asyncio.await(Asyncio.sleep(10));
                    } catch (CancelledError e) {
                        runnerCancel[0] = true;
                        throw e;
                    }
                    return null;
                });
                num[0] += 10;
                return null;
            });
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(runner));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertFalse(runner.isCancelled(), "the group un-cancels the parent it cancelled");
            return null;
        }, TestLoop::create);
        assertEquals(0, num[0]);
        assertTrue(t2Cancel[0]);
        assertTrue(runnerCancel[0]);
    }

    @Test
    void cancellationFromOutsideCancelsEveryChild() {
        int[] num = {0};
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            return Asyncio.await(Asyncio.sleep(5));
                        } catch (CancelledError e) {
                            num[0] += 1;
                            throw e;
                        }
                    });
                }
                return null;
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(r));
            assertTrue(r.isCancelled());
            return null;
        }, TestLoop::create);
        assertEquals(5, num[0]);
    }

    @Test
    void cancellationReachesTheBodyAndTheChildren07() {
        int[] num = {0};
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            return Asyncio.await(Asyncio.sleep(5));
                        } catch (CancelledError e) {
                            num[0] += 1;
                            throw e;
                        }
                    });
                }
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    num[0] += 10;
                    throw e;
                }
                return null;
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(r));
            return null;
        }, TestLoop::create);
        assertEquals(15, num[0]);
    }

    @Test
    void failuresDuringCancellationWin08() {
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            return Asyncio.await(Asyncio.sleep(10));
                        } finally {
                            divideByZero();
                        }
                    });
                }
                return Asyncio.await(Asyncio.sleep(10));
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(r.isDone());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(5, eg.exceptions().size());
            return null;
        }, TestLoop::create);
    }

    @Test
    void bodyFailureAfterAnAwaitCancelsChildren09() {
        Asyncio.run(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(g -> {
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(1, 42))));
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(2, 11))));
                Asyncio.await(Asyncio.sleep(0.05));
                return divideByZero();
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(ts.get(0).isCancelled());
            assertTrue(ts.get(1).isCancelled());
            return null;
        }, TestLoop::create);
    }

    @Test
    void bodyFailureAtOnceCancelsChildren10() {
        Asyncio.run(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(g -> {
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(1, 42))));
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(2, 11))));
                return divideByZero();
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(ts.get(0).isCancelled());
            assertTrue(ts.get(1).isCancelled());
            return null;
        }, TestLoop::create);
    }

    @Test
    void nestedGroupsWrapGroups11() {
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g1 -> Asyncio.taskGroup(g2 -> {
                for (int i = 0; i < 5; i++) {
                    g2.createTask(() -> {
                        try {
                            return Asyncio.await(Asyncio.sleep(10));
                        } finally {
                            divideByZero();
                        }
                    });
                }
                return Asyncio.await(Asyncio.sleep(10));
            })));
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(r.isDone());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(r));
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
            assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
            return null;
        }, TestLoop::create);
    }

    @Test
    void outerChildFailureCancelsTheInnerGroup13() {
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g1 -> {
                g1.createTask(() -> crashAfter(0.05));
                return Asyncio.taskGroup(g2 -> {
                    g2.createTask(() -> crashAfter(10));
                    return null;
                });
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(r));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));
            return null;
        });
    }

    @Test
    void innerChildFailureIsAGroupInAGroup14() {
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g1 -> {
                g1.createTask(() -> crashAfter(10));
                return Asyncio.taskGroup(g2 -> {
                    g2.createTask(() -> crashAfter(0.05));
                    return null;
                });
            }));
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(r));
            assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
            assertEquals(Set.of(IllegalArgumentException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
            return null;
        });
    }

    private static Void crashAfter(double t) {
        Asyncio.await(Asyncio.sleep(t));
        throw new IllegalArgumentException(String.valueOf(t));
    }

    @Test
    void childFailureWhileTheBodyHandlesAnOutsideCancellation15() {
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g1 -> {
                g1.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0.1));
                    return divideByZero();
                });
                try {
                    return Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    Asyncio.await(Asyncio.sleep(0.2));
                    throw e;
                }
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(r.isDone());
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(r));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            return null;
        }, TestLoop::create);
    }

    @Test
    void cancelledEmptyGroupPropagatesCancelledError17() {
        int[] num = {0};
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g -> {
                try {
                    return Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    num[0] += 10;
                    throw e;
                }
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(r.isDone());
            r.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(r));
            return null;
        }, TestLoop::create);
        assertEquals(10, num[0]);
    }

    @Test
    void bodyReplacesCancellationWithAnError18() {
        int[] num = {0};
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g -> {
                try {
                    return Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    num[0] += 10;
                    throw new MyExc();
                }
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            r.cancel();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.await(r));
            assertEquals(Set.of(MyExc.class), errorTypes(eg));
            return null;
        }, TestLoop::create);
        assertEquals(10, num[0]);
    }

    @Test
    @SuppressWarnings("finally") // ported as written: the block raises from finally
    void bodyErrorAndChildErrorBothInTheGroup19() {
        Asyncio.run(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(g -> {
                g.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0.05));
                    return divideByZero();
                });
                try {
                    return Asyncio.await(Asyncio.sleep(10));
                } finally {
                    throw new MyExc();
                }
            }));
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(eg));
            assertEquals(0, Asyncio.currentTask().cancelling());
            return null;
        }, TestLoop::create);
    }

    @Test
    @SuppressWarnings("finally") // ported as written: the block raises from finally
    void virtualMachineErrorPassesAsItIs20() {
        Asyncio.run(() -> {
            StackOverflowError e = assertThrows(StackOverflowError.class, () -> Asyncio.taskGroup(g -> {
                g.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0.05));
                    return divideByZero();
                });
                try {
                    return Asyncio.await(Asyncio.sleep(10));
                } finally {
                    throw new StackOverflowError("pretend");
                }
            }));
            assertEquals("pretend", e.getMessage());
            return null;
        }, TestLoop::create);
    }

    @Test
    void cancelledWhileChildrenRun22() {
        Asyncio.run(() -> {
            Task<Void> r = Asyncio.createTask(() -> Asyncio.taskGroup(g -> {
                g.createTask(() -> Asyncio.await(Asyncio.sleep(1, 42)));
                g.createTask(() -> Asyncio.await(Asyncio.sleep(2, 11)));
                return null;
            }));
            Asyncio.await(Asyncio.sleep(0.05));
            r.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(r));
            return null;
        }, TestLoop::create);
    }

    @Test
    void childrenCreateChildren24() {
        Asyncio.run(() -> {
            List<Task<Void>> all = new ArrayList<>();
            Asyncio.taskGroup(g -> {
                g.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0.05));
                    all.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.05))));
                    all.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.1))));
                    return null;
                });
                return null;
            });
            assertEquals(2, all.size());
            assertTrue(all.stream().allMatch(Task::isDone));
            return null;
        }, TestLoop::create);
    }

    @Test
    void hydra25() {
        int[] nhydras = {0};
        Asyncio.run(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(g -> {
                g.createTask(() -> hydra(g, nhydras));
                g.createTask(() -> {
                    while (nhydras[0] < 10) {
                        Asyncio.await(Asyncio.sleep(0.015));
                    }
                    return divideByZero();
                });
                return null;
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            return null;
        });
        assertTrue(nhydras[0] >= 10);
    }

    private static Void hydra(TaskGroup g, int[] nhydras) {
        nhydras[0]++;
        Asyncio.await(Asyncio.sleep(0.01));
        g.createTask(() -> hydra(g, nhydras));
        g.createTask(() -> hydra(g, nhydras));
        return null;
    }

    @Test
    void taskName() {
        Asyncio.run(() -> Asyncio.taskGroup(g -> {
            Task<Void> t = g.createTask(() -> Asyncio.await(Asyncio.sleep(0)), "yolo");
            assertEquals("yolo", t.getName());
            return null;
        }));
    }

    @Test
    void noCreateTaskAfterFailure() {
        Asyncio.run(() -> {
            List<Throwable> seen = new ArrayList<>();
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(g -> {
                g.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0.001));
                    return divideByZero();
                });
                g.createTask(() -> {
                    try {
                        Asyncio.await(Asyncio.sleep(1));
                    } catch (CancelledError e) {
                        seen.add(assertThrows(IllegalStateException.class, () -> g.createTask(() -> null)));
                    }
                    return null;
                });
                return null;
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertEquals(1, seen.size());
            return null;
        }, TestLoop::create);
    }

    @Test
    @SuppressWarnings("finally") // ported as written: the block raises from finally
    void bodyRaisingInFinallyAfterAChildFailed() {
        // CPython gh-95289 (test_taskgroup_context_manager_exit_raises).
        Asyncio.run(() -> {
            Task<Void> main = Asyncio.createTask(() -> {
                Task<?> task = Asyncio.currentTask();
                ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(tg -> {
                    try {
                        tg.createTask(() -> {
                            throw new MyExc();
                        });
                        return Asyncio.await(Asyncio.sleep(1));
                    } finally {
                        throw new MyExc();
                    }
                }));
                assertEquals(0, task.cancelling());
                assertEquals(2, eg.exceptions().size());
                return null;
            });
            Asyncio.await(main);
            return null;
        }, TestLoop::create);
    }

    @Test
    void finishedGroupRefusesNewTasks() {
        Asyncio.run(() -> {
            TaskGroup[] kept = new TaskGroup[1];
            Asyncio.taskGroup(g -> {
                kept[0] = g;
                return null;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept[0].createTask(() -> null));
            assertTrue(e.getMessage().contains("is finished"), e.getMessage());
            return null;
        });
    }

    @Test
    void withoutParentTaskIsIllegalState() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            dev.asyncio4j.Future<Throwable> seen = loop.createFuture();
            loop.callSoon(() -> {
                try {
                    Asyncio.taskGroup(g -> null);
                    seen.setResult(null);
                } catch (Throwable t) {
                    seen.setResult(t);
                }
            });
            Throwable t = loop.runUntilComplete(seen);
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("parent task"), t.getMessage());
        } finally {
            loop.close();
        }
    }

    @Test
    void returnsTheBodyResultAfterEveryChildFinished() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            List<Task<Integer>> ts = new ArrayList<>();
            int r = Asyncio.taskGroup(g -> {
                ts.add(g.createTask(() -> Asyncio.await(Asyncio.sleep(0.05, 1))));
                return 7;
            });
            assertEquals(7, r);
            assertTrue(ts.get(0).isDone());
            assertTrue(loop.time() - t0 >= 0.05);
            assertSame(1, ts.get(0).result());
            return null;
        });
    }

    @Test
    void childFailingWhileTheGroupWaitsLeavesNoCancellationBehind() {
        Asyncio.run(() -> {
            assertThrows(ExceptionGroup.class, () -> Asyncio.taskGroup(g -> {
                g.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0.01));
                    throw new MyExc();
                });
                return null; // the body is done: the failure arrives while the group waits for its children
            }));
            assertEquals(0, Asyncio.currentTask().cancelling());
            Asyncio.await(Asyncio.sleep(0.01)); // and no cancellation is pending
            return null;
        });
    }

    @Test
    void outsideCancellationStaysPendingPastTheGroupsError() {
        // CPython 3.13: the group's ExceptionGroup wins, but the outside request is not lost.
        Asyncio.run(() -> {
            List<String> log = new ArrayList<>();
            Task<Void> r = Asyncio.createTask(() -> {
                try {
                    Asyncio.taskGroup(g -> {
                        g.createTask(() -> {
                            try {
                                return Asyncio.await(Asyncio.sleep(10));
                            } finally {
                                divideByZero();
                            }
                        });
                        return Asyncio.await(Asyncio.sleep(10));
                    });
                } catch (ExceptionGroup eg) {
                    log.add("group");
                }
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    log.add("still cancelled");
                    throw e;
                }
                return null;
            });
            Asyncio.await(Asyncio.sleep(0.01));
            r.cancel();
            assertThrows(CancelledError.class, () -> Asyncio.await(r));
            assertEquals(List.of("group", "still cancelled"), log);
            return null;
        }, TestLoop::create);
    }
}
