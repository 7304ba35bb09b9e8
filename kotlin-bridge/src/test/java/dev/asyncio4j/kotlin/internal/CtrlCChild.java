package dev.asyncio4j.kotlin.internal;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.KeyboardInterrupt;

/**
 * A program for {@link CtrlCTest} to run in a child JVM and interrupt with SIGINT. It prints "ready" once every
 * Task is waiting, and one line per {@code finally} block that runs.
 */
public final class CtrlCChild {
    private CtrlCChild() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> say("shutdown hook")));
        switch (mode) {
            case "uncaught" -> {
                runWithLeftover();
                say("after run");
            }
            case "caught" -> {
                try {
                    runWithLeftover();
                } catch (KeyboardInterrupt e) {
                    say("caught " + e.getClass().getSimpleName());
                }
                say("after run");
            }
            case "swallow" -> {
                int result = Asyncio.run(() -> {
                    say("ready");
                    try {
                        Asyncio.await(Asyncio.sleep(60));
                    } catch (CancelledError e) {
                        say("main cancelled");
                    }
                    return 42;
                });
                say("result " + result);
            }
            case "twice" -> Asyncio.run(() -> {
                say("ready");
                try {
                    Asyncio.await(Asyncio.sleep(60));
                } catch (CancelledError e) {
                    say("ignoring the first Ctrl+C");
                }
                Asyncio.await(Asyncio.sleep(60));
                say("main finally");
                return null;
            });
            case "apphandler" -> {
                java.util.concurrent.CompletableFuture<String> fired = new java.util.concurrent.CompletableFuture<>();
                // The application's own SIGINT handler, installed through the runtime's one door to sun.misc.Signal
                // (javac warns about any direct use of it).
                SignalApi.INSTANCE.install("INT", SignalApi.INSTANCE.newHandler(() -> {
                    say("app handler got INT");
                    fired.complete("ok");
                }));
                String r = Asyncio.run(() -> {
                    say("ready");
                    return Asyncio.await(Asyncio.wrapFuture(fired));
                });
                say("main finished " + r);
            }
            case "afterrun" -> {
                Asyncio.run(() -> null);
                say("ready");
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    say("interrupted");
                }
                say("not reached");
            }
            case "interrupt_call_soon" -> report(() -> Asyncio.run(() -> {
                // CPython's test_interrupt_call_soon: the main task never waits on a future, only yields
                Asyncio.getRunningLoop().callLater(0.1, () -> new Thread(CtrlCChild::interruptSelf).start());
                try {
                    while (true) {
                        Asyncio.await(Asyncio.sleep(0));
                    }
                } catch (CancelledError e) {
                    say("main cancelled");
                    throw e;
                }
            }));
            case "interrupt_wait" -> {
                // CPython's test_interrupt_wait: the awaited future is cancelled along with the main task
                dev.asyncio4j.Future<?>[] fut = new dev.asyncio4j.Future<?>[1];
                report(() -> Asyncio.run(() -> {
                    fut[0] = Asyncio.getRunningLoop().createFuture();
                    Asyncio.getRunningLoop().callLater(0.1, () -> new Thread(CtrlCChild::interruptSelf).start());
                    return Asyncio.await(fut[0]);
                }));
                say("future cancelled " + fut[0].isCancelled());
            }
            case "interrupt_cancelled_task" -> report(() -> Asyncio.run(() -> {
                // CPython's test_interrupt_cancelled_task: a main task cancelled twice, once by Ctrl+C, once by
                // the program, ends in CancelledError, not KeyboardInterrupt (uncancel() leaves one request)
                dev.asyncio4j.Task<?> main = Asyncio.currentTask();
                Asyncio.createTask(() -> {
                    Asyncio.await(Asyncio.sleep(0));
                    main.cancel();
                    interruptSelf();
                    return null;
                });
                try {
                    Asyncio.await(Asyncio.sleep(10));
                } finally {
                    // Python's SIGINT handler runs before the main task resumes; here the signal is asynchronous,
                    // so the cleanup waits for its cancel request to arrive through the loop.
                    while (main.cancelling() < 2) {
                        Asyncio.await(Asyncio.sleep(0.001));
                    }
                }
                return null;
            }));
            case "loop_sigint" -> {
                // CPython's test_add_signal_handler: a loop's SIGINT handler, then the default restored
                dev.asyncio4j.EventLoop loop = Asyncio.newEventLoop();
                java.util.concurrent.CompletableFuture<String> caught = new java.util.concurrent.CompletableFuture<>();
                loop.addSignalHandler("INT", () -> caught.complete("caught"));
                interruptSelf();
                say(loop.runUntilComplete(() -> Asyncio.await(Asyncio.wrapFuture(caught))));
                say("removed " + loop.removeSignalHandler("INT"));
                say("removed again " + loop.removeSignalHandler("INT"));
                loop.close();
                say("ready");
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    say("interrupted");
                }
                say("not reached");
            }
            case "no_signal_api" -> {
                dev.asyncio4j.EventLoop loop = Asyncio.newEventLoop();
                try {
                    loop.addSignalHandler("WINCH", () -> { });
                    say("installed");
                } catch (RuntimeException e) {
                    say(e.getClass().getSimpleName());
                }
                say("removed " + loop.removeSignalHandler("WINCH"));
                loop.close();
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static void report(Runnable run) {
        try {
            run.run();
            say("returned");
        } catch (KeyboardInterrupt e) {
            say("KeyboardInterrupt");
        } catch (CancelledError e) {
            say("CancelledError");
        }
    }

    private static void interruptSelf() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runWithLeftover() {
        Asyncio.run(() -> {
            Asyncio.createTask(() -> {
                try {
                    Asyncio.await(Asyncio.sleep(60));
                } finally {
                    say("leftover finally");
                }
                return null;
            });
            Asyncio.await(Asyncio.sleep(0)); // let the leftover start
            try {
                say("ready");
                Asyncio.await(Asyncio.sleep(60));
            } finally {
                say("main finally");
            }
            return null;
        });
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
