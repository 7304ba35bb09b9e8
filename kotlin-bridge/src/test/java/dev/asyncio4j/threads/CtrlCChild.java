package dev.asyncio4j.threads;

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
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                    say("app handler got " + sig.getName());
                    fired.complete("ok");
                });
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
            default -> throw new IllegalArgumentException(mode);
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
