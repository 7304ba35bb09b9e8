package dev.asyncio4j.kotlin.stacks;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
import java.util.List;

/**
 * A Java Task body's code outside the runtime's packages, for the tests of {@code Task.getStack()}: the runtime trims
 * every frame of {@code dev.asyncio4j.kotlin.internal}, so a body written there would show nothing of its own.
 */
public final class BodyFrames {
    private BodyFrames() {
    }

    /** Awaits {@code f} two frames down ({@link #outerAwait} → {@link #innerAwait}) and returns its result plus one. */
    public static int outerAwait(Future<Integer> f) {
        return innerAwait(f) + 1;
    }

    private static int innerAwait(Future<Integer> f) {
        return Asyncio.await(f);
    }

    /** The running Task's own stack, asked for two frames down ({@link #outerOwnStack} → {@link #innerOwnStack}). */
    public static List<StackTraceElement> outerOwnStack() {
        return innerOwnStack();
    }

    private static List<StackTraceElement> innerOwnStack() {
        return Asyncio.currentTask().getStack();
    }

    /** Runs {@code loop} until {@code f} is done from a frame of this class: none of it belongs to the Task's stack. */
    public static <T> T runLoopUntil(EventLoop loop, Future<T> f) {
        return loop.runUntilComplete(f);
    }
}
