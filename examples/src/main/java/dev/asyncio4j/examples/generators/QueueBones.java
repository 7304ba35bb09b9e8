package dev.asyncio4j.examples.generators;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Queue;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;

/**
 * One step beyond tutorial 1's "协程的实现方法": the same producer and two consumers written the asyncio way. Each
 * consumer is a Task reading its own {@code Queue} (size 1, so the producer waits until the bone is taken, as
 * {@code send} did); the producer {@code put}s every bone into both queues, then {@code join}s them and cancels the
 * consumers, which would otherwise wait forever.
 */
public final class QueueBones extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public QueueBones(PrintStream out, double scale) {
        super(out, scale);
    }

    Void consumer(String name, Queue<Integer> bones) {
        print("about to start gnawing bones...");
        while (true) {
            print("[consumer] " + name);
            Integer bone = Asyncio.await(bones.get());
            print("[" + name + "] is gnawing bone " + bone);
            bones.taskDone();
        }
    }

    Void producer() {
        Queue<Integer> forA = new Queue<>(1);
        Queue<Integer> forB = new Queue<>(1);
        Task<Void> con1 = Asyncio.createTask(() -> consumer("consumer A", forA));
        Task<Void> con2 = Asyncio.createTask(() -> consumer("consumer B", forB));
        int n = 0;
        while (n < 5) {
            n += 1;
            print("[producer] producing bone " + n);
            Asyncio.await(forA.put(n));
            Asyncio.await(forB.put(n));
        }
        Asyncio.await(forA.join());   // every bone gnawed
        Asyncio.await(forB.join());
        con1.cancel();
        con2.cancel();
        try {
            Asyncio.await(Asyncio.gather(con1, con2));
        } catch (CancelledError expected) {
            print("both consumers stopped");
        }
        return null;
    }

    @Override
    public void main() {
        Asyncio.run(this::producer);
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, QueueBones::new);
    }
}
