package dev.asyncio4j.benchmarks;

import dev.asyncio4j.jdk.internal.VirtualThreads;
import java.net.URI;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under Java Tasks and generators: two bare threads (virtual on JDK 21+, platform on JDK 17) passing a turn
 * back and forth through a volatile flag with park/unpark, nothing else. {@code switch} makes as many hand-offs as the
 * switch workload makes task switches ({@value Workloads#SWITCH_TASKS} × n: one hand-off per switch is the best a
 * loop can do); {@code gen_send} makes n round trips (two hand-offs each), as n generator sends do. No asyncio4j
 * code runs; the other workloads have no raw counterpart.
 */
public final class RawHandOffs implements Workloads {
    /** Whose turn it is: 0 or 1. */
    private volatile int turn;

    @Override
    public double switchTasks(int n) {
        return pingPong(n * SWITCH_TASKS);
    }

    @Override
    public double genSend(int n) {
        return pingPong(2 * n);
    }

    /** {@code handOffs} hand-offs in all, alternating between two threads. */
    private double pingPong(int handOffs) {
        turn = 0;
        Thread[] threads = new Thread[2];
        long start = System.nanoTime();
        for (int side = 0; side < 2; side++) {
            int me = side;
            Runnable body = () -> {
                // Side 0 makes the even hand-offs, side 1 the odd ones.
                for (int i = me; i < handOffs; i += 2) {
                    while (turn != me) {
                        LockSupport.park(this);
                    }
                    turn = 1 - me;
                    LockSupport.unpark(threads[1 - me]);
                }
            };
            threads[side] = VirtualThreads.available() ? VirtualThreads.newThread("raw-" + side, body)
                    : new Thread(body, "raw-" + side);
        }
        threads[0].start();
        threads[1].start();
        try {
            threads[0].join();
            threads[1].join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static UnsupportedOperationException none() {
        return new UnsupportedOperationException("no raw counterpart: only switch and gen_send");
    }

    @Override
    public double callSoon(int n) {
        throw none();
    }

    @Override
    public double spawn(int n) {
        throw none();
    }

    @Override
    public double timers(int n) {
        throw none();
    }

    @Override
    public double queue(int n) {
        throw none();
    }

    @Override
    public double crossThread(int n) {
        throw none();
    }

    @Override
    public double crawler(int n, URI url) {
        throw none();
    }
}
