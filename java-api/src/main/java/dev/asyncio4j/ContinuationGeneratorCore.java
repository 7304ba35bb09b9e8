package dev.asyncio4j;

import dev.asyncio4j.internal.GeneratorProtocol;

/**
 * A Java {@link Generator}'s body as a JDK continuation ({@link GeneratorContinuations}) run on the caller's own
 * thread: {@code send}/{@code next} mount it and run it until it yields or ends, {@code yield} unmounts it — no
 * thread hand-off, as in CPython, where a generator's frame runs on the thread that resumes it. Used when
 * {@link GeneratorContinuations#AVAILABLE}; otherwise {@link ThreadGeneratorCore}.
 *
 * <p>What differs from a body on its own thread, and why it is Python's behaviour: the body runs on the thread that
 * calls {@code send}/{@code next} (its {@code Thread.currentThread()}, thread-locals and interrupt flag are the
 * caller's, as a CPython generator shares its caller's thread); an abandoned generator's body gets its
 * {@link GeneratorExit} on the Cleaner's thread, and one that yields again instead of ending is dropped unfinished
 * (CPython's "generator ignored GeneratorExit"). One limit of the JDK's continuations: a yield while the body has a
 * native frame on its stack, or (on JDK 21-23 only; JDK 24+ suspends those) holds a monitor ({@code synchronized}),
 * cannot pause; it throws an {@link IllegalStateException} at that yield (run without the {@code --add-exports} opt-in
 * to use threads instead).
 *
 * <p>Not thread-safe (as {@link GeneratorProtocol}): one caller at a time; the caller may change between calls.
 *
 * @param <Y> the type of the values it yields
 * @param <S> the type of the values sent into it
 */
final class ContinuationGeneratorCore<Y, S> extends GeneratorCore<Y, S> {
    /** A {@code jdk.internal.vm.Continuation} running {@link #run()}; null once the body ended or was discarded. */
    private Object continuation;

    ContinuationGeneratorCore(Generator.Body<Y, S> body) {
        super(body);
        this.continuation = GeneratorContinuations.create(this);
    }

    /** Caller side: runs the body on this thread until it yields or ends. */
    @Override
    protected void runBody(S value, Throwable toThrow) {
        inValue = value;
        inThrow = toThrow;
        GeneratorContinuations.run(continuation);
        if (finished) {
            continuation = null;
        }
        passOutcome();
    }

    @Override
    protected void discardBody() {
        continuation = null;
    }

    /** Body side: hands {@code value} to the caller and pauses until the next send, throw or close. */
    @Override
    public S yield(Y value) {
        Object running = continuation;
        if (running == null || GeneratorContinuations.current() != running) {
            throw yieldOutsideTheBody();
        }
        outValue = value;
        try {
            GeneratorContinuations.yieldNow();
        } catch (IllegalStateException pinned) {
            outValue = null;
            throw new IllegalStateException("g.yield(x) cannot pause here: the body holds a monitor (synchronized, "
                    + "on JDK 21-23) or has a native frame on its stack, which a JDK continuation cannot suspend; "
                    + "yield outside synchronized blocks, or run without '--add-exports java.base/jdk.internal.vm' "
                    + "to give generators threads of their own", pinned);
        }
        return takeSent();
    }

    @Override
    void abandon() {
        Object c = continuation;
        if (state() != GeneratorState.SUSPENDED || c == null) {
            return;
        }
        // Runs the body's cleanup on the Cleaner's thread; a body that yields again instead of ending is dropped
        // unfinished (continuation garbage), as CPython drops a generator that ignored GeneratorExit.
        continuation = null;
        inThrow = new GeneratorExit("the generator was abandoned unfinished");
        inValue = null;
        GeneratorContinuations.run(c);
        outValue = null;
        failure = null;
    }
}
