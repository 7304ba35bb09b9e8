package dev.asyncio4j.examples.basics;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/** Tutorial 1, "绑定回调函数": a done-callback receives the finished Task and reads its result. */
public final class DoneCallback extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public DoneCallback(PrintStream out, double scale) {
        super(out, scale);
    }

    int add(int a, int b) {
        Asyncio.await(Asyncio.sleep(scaled(1)));
        print("add result: ", a + b);
        return a + b;
    }

    // The tutorial never shows its callback; this is the usual one: the last argument is the Future.
    void callback(Future<Integer> future) {
        print("callback:", future.result());
    }

    @Override
    public void main() {
        double start = now();
        EventLoop loop = Asyncio.newEventLoop();
        Asyncio.setEventLoop(loop);                   // the loop is per thread, so ...
        EventLoop loop2 = Asyncio.getEventLoop();     // ... asking again gives the same one
        print("id diff: ", System.identityHashCode(loop), System.identityHashCode(loop2), loop == loop2);
        Coroutine<Integer> coroutine = () -> add(1, 2);
        Task<Integer> task = loop.createTask(coroutine);  // ensure_future(coroutine, loop=loop)
        print(task);
        task.addDoneCallback(this::callback);
        loop.runUntilComplete(task);
        print("time: ", seconds(now() - start));
        Asyncio.setEventLoop(null);
        loop.close();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, DoneCallback::new);
    }
}
