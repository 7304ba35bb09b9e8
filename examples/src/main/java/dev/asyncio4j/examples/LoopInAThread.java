package dev.asyncio4j.examples;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * The tutorials' "event loop in another thread": the main thread starts a loop in a background thread and feeds it.
 * Blocking functions sent with {@code callSoonThreadsafe} run one after the other (0.6 + 0.3 s), coroutines sent with
 * {@code runCoroutineThreadsafe} sleep side by side (about 0.6 s in all). Then the loop is stopped the thread-safe
 * way and closed.
 */
public final class LoopInAThread {
    private LoopInAThread() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the background loop fails
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        EventLoop newLoop = Asyncio.newEventLoop();
        Thread t = new Thread(() -> {
            Asyncio.setEventLoop(newLoop);
            newLoop.runForever();
        }, "background-loop");
        t.start();
        System.out.printf("TIME: %.3f%n", seconds(start));

        newLoop.callSoonThreadsafe(() -> moreWork(0.6));
        newLoop.callSoonThreadsafe(() -> moreWork(0.3));

        CompletableFuture<String> a = Asyncio.runCoroutineThreadsafe(() -> doSomeWork(0.6), newLoop);
        CompletableFuture<String> b = Asyncio.runCoroutineThreadsafe(() -> doSomeWork(0.4), newLoop);
        System.out.println(a.get() + ", " + b.get());
        System.out.printf("TIME: %.3f (0.9 s of blocking work, then 0.6 s of overlapping sleeps)%n", seconds(start));

        newLoop.callSoonThreadsafe(newLoop::stop);
        t.join();
        newLoop.close();
    }

    private static String doSomeWork(double x) {
        System.out.println("Waiting " + x);
        Asyncio.await(Asyncio.sleep(x));
        return "Done after " + x + "s";
    }

    private static void moreWork(double x) {
        System.out.println("More work " + x);
        try {
            Thread.sleep((long) (x * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("Finished more work " + x);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
