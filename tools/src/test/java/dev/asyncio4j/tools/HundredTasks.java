package dev.asyncio4j.tools;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Event;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;

/**
 * The child JVM of {@link AsyncioToolTest}: 100 Tasks on one loop — the main Task awaits 9 workers (a gather), each
 * worker awaits 10 leaves (a gather), each leaf awaits an Event. Prints {@code MAIN name} and, once its loop's MBean
 * is registered, {@code READY}; a line on stdin sets the Event and the program ends.
 */
public final class HundredTasks {
    private HundredTasks() {
    }

    public static void main(String[] args) throws Exception {
        Asyncio.run(() -> {
            System.out.println("MAIN " + Asyncio.currentTask().getName());
            EventLoop loop = Asyncio.getRunningLoop();
            Event release = new Event();
            List<Task<Object>> workers = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                int w = i;
                workers.add(Asyncio.createTask(() -> {
                    List<Task<Object>> leaves = new ArrayList<>();
                    for (int j = 0; j < 10; j++) {
                        leaves.add(Asyncio.createTask(() -> {
                            Asyncio.await(release.waitAsync());
                            return null;
                        }, "leaf-" + w + "-" + j));
                    }
                    Asyncio.await(Asyncio.gather(leaves));
                    return null;
                }, "worker-" + w));
            }
            Thread watcher = new Thread(() -> announceAndWait(loop, release), "watcher");
            watcher.setDaemon(true);
            watcher.start();
            Asyncio.await(Asyncio.gather(workers));
            return null;
        });
        System.out.println("DONE");
    }

    private static void announceAndWait(EventLoop loop, Event release) {
        try {
            ObjectName pattern = new ObjectName("dev.asyncio4j:type=EventLoop,*");
            while (ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null).isEmpty()) {
                Thread.sleep(20);
            }
            System.out.println("READY");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            loop.callSoonThreadsafe(release::set);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(3);
        }
    }
}
