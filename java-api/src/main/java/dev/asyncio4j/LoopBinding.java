package dev.asyncio4j;

/**
 * Python's {@code mixins._LoopBoundMixin}: a primitive binds to the running loop the first time it needs one (to
 * create a waiter), and refuses every other loop afterwards.
 */
final class LoopBinding {
    private EventLoop bound;

    /** The running loop, binding to it on first use. */
    EventLoop get(Object owner) {
        EventLoop loop = Asyncio.getRunningLoop();
        EventLoop b = bound;
        if (b == null) {
            bound = loop;
        } else if (b != loop) {
            throw new IllegalStateException(owner + " is bound to a different event loop: a primitive belongs to "
                    + "the loop it was first used on; create one per loop, or hand work to that loop with "
                    + "loop.callSoonThreadsafe(...) / Asyncio.runCoroutineThreadsafe(...)");
        }
        return loop;
    }

    /** The running loop for an answer that needs no waiter (CPython does not bind on these fast paths). */
    static EventLoop running() {
        return Asyncio.getRunningLoop();
    }
}
