package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Tutorial 1, "新线程协程": the main thread hands coroutines to a loop running in a second thread with
 * {@code runCoroutineThreadsafe}. They await {@code sleep}, so they overlap: 6 s in all, not 10.
 */
public final class LoopInThreadCoroutines extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public LoopInThreadCoroutines(PrintStream out, double scale) {
        super(out, scale);
    }

    static void startLoop(EventLoop loop) {
        Asyncio.setEventLoop(loop);
        loop.runForever();
    }

    Void doSomeWork(int x) {
        print("Waiting " + x);
        Asyncio.await(Asyncio.sleep(scaled(x)));
        print("Done after " + x + "s");
        return null;
    }

    @Override
    public void main() throws InterruptedException {
        double start = now();
        EventLoop newLoop = Asyncio.newEventLoop();
        Thread t = new Thread(() -> startLoop(newLoop));
        t.start();
        print("TIME: " + seconds(now() - start));

        CompletableFuture<Void> six = Asyncio.runCoroutineThreadsafe(() -> doSomeWork(6), newLoop);
        CompletableFuture<Void> four = Asyncio.runCoroutineThreadsafe(() -> doSomeWork(4), newLoop);

        // The tutorial's program never ends; this one waits for both results, then stops the loop.
        CompletableFuture.allOf(six, four).join();
        newLoop.callSoonThreadsafe(newLoop::stop);
        t.join();
        newLoop.close();
        print("Time:", seconds(now() - start));
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, LoopInThreadCoroutines::new);
    }
}
