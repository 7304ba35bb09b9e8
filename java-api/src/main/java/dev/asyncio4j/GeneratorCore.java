package dev.asyncio4j;

import dev.asyncio4j.internal.GeneratorProtocol;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * A Java {@link Generator}'s body on a thread of its own, driven by the one generator protocol
 * ({@link GeneratorProtocol}, shared with Kotlin's {@code KGenerator}): this class supplies only the Java way of
 * running the body to its next yield. The body runs in strict turns with its caller (a volatile {@link #turn} flag
 * with park/unpark, as Java coroutine bodies do), so exactly one of the two runs at any time. It never refers to its
 * {@link Generator}, so an abandoned generator can become unreachable while its body thread is parked; the
 * generator's Cleaner then calls {@link #abandon()}.
 */
final class GeneratorCore<Y, S> extends GeneratorProtocol<Y, S> implements Runnable, Generator.Yielder<Y, S> {
    private static final int CALLER_TURN = 0;
    private static final int BODY_TURN = 1;

    private final Generator.Body<Y, S> body;
    private volatile int turn = CALLER_TURN;
    private volatile Thread caller;
    private volatile Thread thread;
    private volatile boolean abandoned;

    // Hand-over fields; the volatile turn write/read orders them.
    private S inValue;
    private Throwable inThrow;
    private Y outValue;
    private boolean finished;
    private Throwable failure;

    GeneratorCore(Generator.Body<Y, S> body) {
        this.body = body;
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
            LockSupport.unpark(t);
        }
        boolean interrupted = false;
        while (turn != CALLER_TURN) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        caller = null;
        if (finished) {
            thread = null;
            Throwable f = failure;
            failure = null;
            bodyEnded(f);
        } else {
            Y v = outValue;
            outValue = null;
            bodyYielded(v);
        }
    }

    /** Body side: hands {@code value} to the caller and waits for the next send, throw or close. */
    @Override
    public S yield(Y value) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("yield() called outside this generator's running body: call g.yield(x) "
                    + "only from the body's own code");
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
        while (turn != BODY_TURN) {
            LockSupport.park(this);
        }
        Throwable t = inThrow;
        inThrow = null;
        S s = inValue;
        inValue = null;
        if (t != null) {
            throw GeneratorProtocol.sneaky(t);
        }
        return s;
    }

    @Override
    public void run() {
        try {
            body.run(this);
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished = true;
            handBack();
        }
    }

    private void handBack() {
        Thread c = caller;
        turn = CALLER_TURN;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    /** The generator became unreachable: let a body parked at a yield end (GeneratorExit, as CPython's finaliser). */
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
