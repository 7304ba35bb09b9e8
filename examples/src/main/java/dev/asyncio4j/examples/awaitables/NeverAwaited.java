package dev.asyncio4j.examples.awaitables;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Coroutine;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * Tutorial 3, "Coroutine" ({@code print(type(async_function()))}) and tutorial 4, "四. asyncio"
 * ({@code print(say_hello())}): calling an {@code async def} function without awaiting it. Python prints the coroutine
 * object and warns {@code RuntimeWarning: coroutine 'say_hello' was never awaited}. Here is what the same mistakes
 * do in Java, and what the SDK reports:
 *
 * <ol>
 *   <li>A {@code Coroutine} made and never run: nothing happens and <em>nothing reports it</em> — a Java lambda that
 *       is never called leaves no trace, and neither javac nor asyncio4j has Python's warning.</li>
 *   <li>A Task created on a loop that is closed before it ever ran: the loop's exception handler gets
 *       {@code Task was destroyed but it is pending!} (Python says the same when such a Task is
 *       garbage-collected).</li>
 *   <li>A Task that fails while nobody awaits it: {@code Task exception was never retrieved}, as in Python (tutorial
 *       5 shows it for its {@code await requests.get(url)} attempt).</li>
 * </ol>
 *
 * <p>The reports come from the SDK through {@code loop.setExceptionHandler}; the handler here prints them the way
 * CPython's default handler does (the SDK's default handler logs them through {@code System.Logger} instead).
 */
public final class NeverAwaited extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public NeverAwaited(PrintStream out, double scale) {
        super(out, scale);
    }

    // async def say_hello()
    Void sayHello() {
        print("Hello");
        Asyncio.await(Asyncio.sleep(scaled(1)));
        return null;
    }

    // an async def that fails, like the tutorial's await requests.get(url)
    Void fetch() {
        throw new IllegalStateException("object Response can't be used in 'await' expression");
    }

    /** CPython's default exception handler, printed: the message, then the Future and the exception. */
    void report(EventLoop loop, ExceptionContext context) {
        print(context.message());
        print("future:", context.future());
        if (context.exception() != null) {
            print("exception:", context.exception());
        }
    }

    @Override
    public void main() {
        print("1. print(say_hello())");
        Coroutine<Void> coroutine = coroutine("say_hello", this::sayHello);
        print(coroutine);   // and that is all: Hello never prints, and no warning follows

        print("2. a Task the loop never ran");
        EventLoop loop = Asyncio.newEventLoop();
        loop.setExceptionHandler(this::report);
        loop.createTask(this::sayHello);
        loop.close();

        print("3. a Task that failed, never awaited");
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler(this::report);
            Asyncio.createTask(this::fetch);   // nobody keeps it, nobody awaits it
            Asyncio.await(Asyncio.sleep(0));   // one loop iteration: the Task runs and fails
            print("main: done");
            return null;
        });
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, NeverAwaited::new);
    }
}
