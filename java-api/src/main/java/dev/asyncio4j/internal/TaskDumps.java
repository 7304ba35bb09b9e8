package dev.asyncio4j.internal;

import dev.asyncio4j.EventLoop;
import dev.asyncio4j.EventLoopMXBean.PendingTask;
import dev.asyncio4j.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loop's pending Tasks as its MBean reports them ({@link PendingTask}), and their conversion to the data of
 * CPython's {@code ps}/{@code pstree} ({@link TaskTrees}). Not for users.
 */
public final class TaskDumps {
    private TaskDumps() {
    }

    /**
     * The pending Tasks of {@code loop}: ids, names, stacks and awaiters, read on the loop ({@link CallGraphs#onLoop}).
     *
     * @param loop the loop
     * @param tasks reads the loop's pending Tasks (on the loop)
     * @return the snapshots, in creation order
     */
    public static List<PendingTask> snapshot(EventLoop loop, java.util.function.Supplier<? extends Iterable<? extends Task<?>>> tasks) {
        return CallGraphs.onLoop(loop, () -> {
            List<PendingTask> out = new ArrayList<>();
            for (Task<?> t : tasks.get()) {
                if (t.isDone()) {
                    continue;
                }
                List<String> stack = new ArrayList<>();
                for (StackTraceElement frame : t.getStack()) {
                    stack.add(TaskTrees.frameEntry(frame));
                }
                List<Long> awaiters = new ArrayList<>();
                for (Task<?> a : CallGraphs.awaitingTasks(t)) {
                    awaiters.add(IntrospectionIds.of(a));
                }
                out.add(new PendingTask(IntrospectionIds.of(t), t.getName(), stack, awaiters));
            }
            return out;
        });
    }

    /**
     * CPython's {@code AwaitedInfo} of one loop: each awaiter's call stack is its own stack, where it awaits.
     *
     * @param threadId the loop's thread
     * @param tasks the loop's pending Tasks
     * @return the data of {@code ps}/{@code pstree}
     */
    public static TaskTrees.AwaitedInfo awaitedInfo(long threadId, List<PendingTask> tasks) {
        Map<Long, List<String>> stacks = new HashMap<>();
        for (PendingTask t : tasks) {
            stacks.put(t.getId(), t.getStack());
        }
        List<TaskTrees.TaskInfo> infos = new ArrayList<>();
        for (PendingTask t : tasks) {
            List<TaskTrees.CoroInfo> awaitedBy = new ArrayList<>();
            for (Long awaiter : t.getAwaitedBy()) {
                awaitedBy.add(new TaskTrees.CoroInfo(stacks.getOrDefault(awaiter, List.of()), awaiter));
            }
            infos.add(new TaskTrees.TaskInfo(t.getId(), t.getName(), t.getStack(), awaitedBy));
        }
        return new TaskTrees.AwaitedInfo(threadId, infos);
    }

    /**
     * The {@code pstree} text of one loop, or CPython's cycle report when Tasks await each other.
     *
     * @param threadId the loop's thread
     * @param tasks the loop's pending Tasks
     * @return the text
     */
    public static String tree(long threadId, List<PendingTask> tasks) {
        try {
            return String.join("\n", TaskTrees.formatTaskTree(List.of(awaitedInfo(threadId, tasks))));
        } catch (TaskTrees.CycleFoundException e) {
            return "ERROR: await-graph contains cycles - cannot print a tree!\n\n" + String.join("\n", e.describe());
        }
    }
}
