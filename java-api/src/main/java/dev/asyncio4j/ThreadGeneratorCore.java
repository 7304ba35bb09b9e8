package dev.asyncio4j;

import dev.asyncio4j.internal.GeneratorProtocol;
import dev.asyncio4j.internal.HandOffSpin;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * A Java {@link Generator}'s body on a thread of its own (the core used unless {@link ContinuationGeneratorCore} is
 * available, see {@link GeneratorCore}), driven by the one generator protocol
 * ({@link GeneratorProtocol}, shared with Kotlin's {@code KGenerator}): this class supplies only the Java way of
 * running the body to its next yield. The body runs in strict turns with its caller (a volatile {@link #turn} flag
 * with park/unpark, as Java coroutine bodies do), so exactly one of the two runs at any time. {@code send} and
 * {@code next} are a strict ping-pong, so each side first spins briefly before it parks ({@link HandOffSpin}:
 * bounded in time, only with more than one CPU, backing off when the other side did not answer in time), and a side
 * that is spinning is not unparked. Nothing is allocated per send. It never refers to its
 * {@link Generator}, so an abandoned generator can become unreachable while its body thread is parked; the
 * generator's Cleaner then calls {@link #abandon()}.
 */
final class ThreadGeneratorCore<Y, S> extends GeneratorCore<Y, S> {
    private static final int CALLER_TURN = 0;
    private static final int BODY_TURN = 1;

    private volatile int turn = CALLER_TURN;
    private volatile Thread caller;
    private volatile Thread thread;
    private volatile boolean abandoned;
    /** Whether the caller / the body is (about to be) parked, so that the side handing it the turn must unpark it. */
    private volatile boolean callerParked;
    private volatile boolean bodyParked;
    /** How long each side spins before it parks. */
    private final HandOffSpin callerSpin;
    private final HandOffSpin bodySpin;

    ThreadGeneratorCore(Generator.Body<Y, S> body) {
        this(body, HandOffSpin.CPUS);
    }

    /**
     * A core for a JVM with {@code cpus} CPUs (tests pass 1 to prove the one-CPU path: no spin).
     *
     * @param body the generator's body
     * @param cpus the CPUs to assume
     */
    ThreadGeneratorCore(Generator.Body<Y, S> body, int cpus) {
        super(body);
        this.callerSpin = new HandOffSpin(cpus);
        this.bodySpin = new HandOffSpin(cpus);
    }

    /** Caller side: hands the turn to the body thread (starting it the first time) and waits for it to come back. */
    @Override
    protected void runBody(S value, Throwable toThrow) {
        inValue = value;
        inThrow = toThrow;
        caller = Thread.currentThread();
        Thread t = thread;
        if (t == null) {
            t = Threads.FACTORY.newThread(this);
            thread = t;
            turn = BODY_TURN;
            t.start();
        } else {
            turn = BODY_TURN;
            if (bodyParked) {
                LockSupport.unpark(t);
            }
        }
        if (awaitTurn(CALLER_TURN, callerSpin, true)) {
            Thread.currentThread().interrupt();
        }
        caller = null;
        if (finished) {
            thread = null;
        }
        passOutcome();
    }

    /** Body side: hands {@code value} to the caller and waits for the next send, throw or close. */
    @Override
    public S yield(Y value) {
        if (Thread.currentThread() != thread) {
            throw yieldOutsideTheBody();
        }
        if (abandoned) {
            // The body caught the GeneratorExit of its abandonment and yields again. CPython reports "generator
            // ignored GeneratorExit" and drops the frame; a thread cannot be dropped, and throwing again could
            // spin a body that catches in a loop, so this misbehaving body stays parked.
            while (true) {
                LockSupport.park(this);
            }
        }
        outValue = value;
        handBack();
        if (awaitTurn(BODY_TURN, bodySpin, false)) {
            Thread.currentThread().interrupt();
        }
        return takeSent();
    }

    /** Body thread: runs the body to its end, then hands the turn back for the last time. */
    @Override
    public void run() {
        try {
            super.run();
        } finally {
            handBack();
        }
    }

    /**
     * Waits until the turn is {@code wanted}: spins first, as {@code spin} allows, then parks. Parking publishes
     * {@link #callerParked}/{@link #bodyParked} before it re-reads the turn, and the side handing the turn over
     * writes the turn before it reads that flag (both volatile), so a parked side is always unparked and a spinning
     * one never costs an unpark. An interrupt does not end the wait (a set flag would make every park return at
     * once: it is cleared while parked); returns whether one came, for the caller to restore.
     */
    private boolean awaitTurn(int wanted, HandOffSpin spin, boolean callerSide) {
        if (turn == wanted) {
            return false;
        }
        long limit = spin.nextLimit();
        if (limit > 0) {
            long start = System.nanoTime();
            int spins = 0;
            while (turn != wanted) {
                Thread.onSpinWait();
                if (HandOffSpin.spentAfter(++spins, start, limit)) {
                    break;
                }
            }
            boolean answered = turn == wanted;
            spin.spun(answered);
            if (answered) {
                return false;
            }
        }
        boolean interrupted = false;
        setParked(callerSide, true);
        while (turn != wanted) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        setParked(callerSide, false);
        return interrupted;
    }

    private void setParked(boolean callerSide, boolean parked) {
        if (callerSide) {
            callerParked = parked;
        } else {
            bodyParked = parked;
        }
    }

    private void handBack() {
        Thread c = caller;
        turn = CALLER_TURN;
        if (c != null && callerParked) {
            LockSupport.unpark(c);
        }
    }

    @Override
    void abandon() {
        Thread t = thread;
        if (state() != GeneratorState.SUSPENDED || t == null) {
            return;
        }
        abandoned = true;
        caller = null;
        inThrow = new GeneratorExit("the generator was abandoned unfinished");
        inValue = null;
        turn = BODY_TURN;
        LockSupport.unpark(t);
    }

    private static final class Threads {
        static final ThreadFactory FACTORY = load();

        private static ThreadFactory load() {
            try {
                return Asyncio.runtime().generatorThreadFactory();
            } catch (LinkageError | RuntimeException noRuntime) {
                return r -> {
                    Thread th = new Thread(r, "asyncio4j-generator");
                    th.setDaemon(true);
                    return th;
                };
            }
        }
    }
}
