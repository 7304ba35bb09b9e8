package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 1, "不同线程的事件循环": a loop runs forever in a second thread; the main thread feeds it plain callbacks
 * with {@code callSoonThreadsafe}. The callbacks block (time.sleep), so they run one after the other: 6 s + 3 s.
 */
public final class LoopInThreadCallSoon extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public LoopInThreadCallSoon(PrintStream out, double scale) {
        super(out, scale);
    }

    static void startLoop(EventLoop loop) {
        Asyncio.setEventLoop(loop);
        loop.runForever();
    }

    void moreWork(int x) {
        print("More work " + x);
        timeSleep(x);
        print("Finished more work " + x);
    }

    @Override
    public void main() throws InterruptedException {
        double start = now();
        EventLoop newLoop = Asyncio.newEventLoop();
        Thread t = new Thread(() -> startLoop(newLoop));
        t.start();
        print("TIME: " + seconds(now() - start));

        newLoop.callSoonThreadsafe(() -> moreWork(6));
        newLoop.callSoonThreadsafe(() -> moreWork(3));

        // The tutorial's program never ends (its loop runs forever); this one stops the loop after the work.
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
        Scale.main(args, LoopInThreadCallSoon::new);
    }
}
