package dev.asyncio4j;

import dev.asyncio4j.internal.RethrowRule;
import dev.asyncio4j.internal.TaskGroupCore;
import java.util.Objects;

/**
 * Python's {@code asyncio.TaskGroup} for a Java body run inline in the current Task. The rule is
 * {@link TaskGroupCore} (shared with Kotlin's {@code taskGroup}); this class only runs the body and waits for the
 * children the Java way, with {@link Asyncio#await(Future)}.
 */
final class TaskGroups {
    private TaskGroups() {
    }

    static <T> T taskGroup(TaskGroup.Body<T> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = Asyncio.getRunningLoop();
        Task<?> parent = Asyncio.currentTask();
        if (parent == null) {
            throw new IllegalStateException("taskGroup() cannot determine the parent task: call it from a coroutine "
                    + "body");
        }
        TaskGroupCore group = new TaskGroupCore(loop, parent);
        T result;
        try {
            result = body.run(group);
        } catch (Throwable t) {
            exit(group, t);
            throw RethrowRule.rethrow(t);
        }
        exit(group, null);
        return result;
    }

    /** CPython's {@code __aexit__} with the Java way of waiting for the children. */
    private static void exit(TaskGroupCore group, Throwable error) {
        group.beginExit(error);
        for (Future<Boolean> childrenDone; (childrenDone = group.childrenDone()) != null; ) {
            try {
                Asyncio.await(childrenDone);
            } catch (CancelledError e) {
                group.cancelledWhileWaiting(e);
            }
        }
        Throwable raise = group.endExit();
        if (raise != null) {
            throw RethrowRule.rethrow(raise);
        }
    }
}
