package dev.asyncio4j.examples.generators;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Generator;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Tutorial 4, "二. 协程的效率 — 计算密集型": summing squares twice over a million numbers on one thread, on two
 * threads, and through a generator-based coroutine fed one number per {@code send}. For pure computation coroutines
 * only add switching cost: no wait overlaps. Unlike the other programs, the scale shrinks the amount of work here
 * ({@code 1,000,000 × scale} numbers), so tests stay fast.
 */
public final class CpuBound extends TutorialProgram {
    private final int count;
    /** The thread the consumer's body ran on: the caller's own with JDK continuations, else a thread of its own. */
    private volatile Thread consumerThread;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CpuBound(PrintStream out, double scale) {
        super(out, scale);
        this.count = (int) Math.max(1000, Math.min(1_000_000, Math.round(1_000_000 * scale)));
    }

    void work(LinkedBlockingQueue<Long> q) {
        long res = 0;
        for (long i = 0; i < count; i++) {
            res += i * i;
        }
        q.add(res);
    }

    void mutilThread() throws InterruptedException {
        long res = 0;
        List<Thread> threads = new ArrayList<>();
        LinkedBlockingQueue<Long> q = new LinkedBlockingQueue<>();   // queue.Queue: a thread-safe JDK queue
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> work(q));
            t.start();
            threads.add(t);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        while (!q.isEmpty()) {
            res += q.poll();
        }
        print(res);
    }

    Generator<Long, Long> coroutineConsumer() {
        return Generator.of(g -> {
            consumerThread = Thread.currentThread();
            long n = 0;
            while (true) {
                Long m = g.yield(n);
                if (m == null) {  // not isinstance(m, int)
                    return;
                }
                n += m * m;
            }
        });
    }

    void coroutineProducer(Generator<Long, Long> consumer) {
        long res = 0;
        consumer.send(null);
        for (int i = 0; i < 2; i++) {
            for (long j = 0; j < count; j++) {
                res = consumer.send(j);
            }
        }
        consumer.close();
        print(res);
    }

    /**
     * Not in the tutorial: how Java ran the generator's body, which decides what a {@code send} costs. Observed, not
     * assumed: the body noted its thread.
     */
    void howTheGeneratorRan() {
        if (consumerThread == Thread.currentThread()) {
            print("(the generator's body ran on this thread, as a JDK continuation: each send() switches on one "
                    + "thread, as in Python)");
        } else {
            print("(the generator's body ran on a thread of its own: each send() is two thread hand-offs; on JDK 21+ "
                    + "this jar's Add-Exports, or --add-exports java.base/jdk.internal.vm, runs it on this thread)");
        }
    }

    void normal() {
        long res = 0;
        for (int i = 0; i < 2; i++) {
            for (long j = 0; j < count; j++) {
                res += j * j;
            }
        }
        print(res);
    }

    @Override
    public void main() throws InterruptedException {
        double t1 = now();
        normal();
        print(String.format(Locale.ROOT, "single thread: %fs", now() - t1));
        double t2 = now();
        mutilThread();
        print(String.format(Locale.ROOT, "threads: %fs", now() - t2));
        double t3 = now();
        coroutineProducer(coroutineConsumer());
        print(String.format(Locale.ROOT, "coroutine: %fs", now() - t3));
        howTheGeneratorRan();
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, CpuBound::new);
    }
}
