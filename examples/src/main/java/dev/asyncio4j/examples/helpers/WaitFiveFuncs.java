package dev.asyncio4j.examples.helpers;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.WaitResult;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial 2, "2.2.4 并发运行任务: wait()、gather()": five tasks sleeping 0..4 s all start at once and finish one a
 * second; asyncio.wait returns them as {@code done} (in no particular order) once the last one is done.
 */
public final class WaitFiveFuncs extends TutorialProgram {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public WaitFiveFuncs(PrintStream out, double scale) {
        super(out, scale);
    }

    static String currentTime() {
        return LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(FORMAT);
    }

    String func(int sleepTime) {
        int funcNameSuffix = sleepTime;  // the I/O wait tells the tasks apart
        print("[" + currentTime() + "] running async function func-" + funcNameSuffix);
        Asyncio.await(Asyncio.sleep(scaled(sleepTime)));
        print("[" + currentTime() + "] function func-" + funcNameSuffix + " finished");
        return "[[" + currentTime() + "] result of function func-" + funcNameSuffix + "]";
    }

    Void run() {
        List<Task<String>> taskList = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int sleepTime = i;
            Task<String> task = Asyncio.createTask(() -> func(sleepTime));
            taskList.add(task);
        }

        // asyncio.gather returns the results of all the tasks:
        // List<String> results = Asyncio.await(Asyncio.gather(taskList));

        // asyncio.wait returns two sets, done and pending
        WaitResult<String> result = Asyncio.await(Asyncio.wait(taskList));
        for (Future<String> done : result.done()) {
            print("[" + currentTime() + "] got result " + done.result());
        }
        return null;
    }

    @Override
    public void main() {
        Asyncio.run(this::run);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, WaitFiveFuncs::new);
    }
}
