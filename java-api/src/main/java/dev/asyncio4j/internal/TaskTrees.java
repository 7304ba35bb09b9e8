package dev.asyncio4j.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CPython 3.14's {@code asyncio/tools.py}, the tables and trees of {@code python -m asyncio ps|pstree PID}, ported
 * line for line so that the output reads the same: {@link #buildTaskTable} and {@link #buildAsyncTree} over what the
 * loops' MBeans report (CPython reads the same data from the process's memory). Used by the loops' MBean
 * ({@code dumpTasks()}) and by the {@code asyncio4j-tools} command. Not for users.
 *
 * <p>A frame is a string {@code "function file:line"} (CPython's {@code _format_stack_entry}), or just
 * {@code "function"} when the file is not known; stacks are innermost first.
 */
public final class TaskTrees {
    private TaskTrees() {
    }

    /**
     * CPython's {@code CoroInfo}: the frames of an awaiting Task where it awaits, and that Task's id.
     *
     * @param callStack the awaiter's frames, innermost first
     * @param awaiterId the awaiting Task's id
     */
    public record CoroInfo(List<String> callStack, long awaiterId) {
        /**
         * Copies the stack.
         *
         * @param callStack the awaiter's frames
         * @param awaiterId the awaiting Task's id
         */
        public CoroInfo {
            callStack = List.copyOf(callStack);
        }
    }

    /**
     * CPython's {@code TaskInfo}: one pending Task.
     *
     * @param taskId its id
     * @param taskName its name
     * @param coroutineStack its own frames, innermost first
     * @param awaitedBy who awaits it
     */
    public record TaskInfo(long taskId, String taskName, List<String> coroutineStack, List<CoroInfo> awaitedBy) {
        /**
         * Copies the lists.
         *
         * @param taskId its id
         * @param taskName its name
         * @param coroutineStack its own frames
         * @param awaitedBy who awaits it
         */
        public TaskInfo {
            Objects.requireNonNull(taskName, "taskName");
            coroutineStack = List.copyOf(coroutineStack);
            awaitedBy = List.copyOf(awaitedBy);
        }
    }

    /**
     * CPython's {@code AwaitedInfo}: the pending Tasks of one loop, with the id of the thread running it.
     *
     * @param threadId the loop's thread
     * @param tasks its pending Tasks
     */
    public record AwaitedInfo(long threadId, List<TaskInfo> tasks) {
        /**
         * Copies the list.
         *
         * @param threadId the loop's thread
         * @param tasks its pending Tasks
         */
        public AwaitedInfo {
            tasks = List.copyOf(tasks);
        }
    }

    /** CPython's {@code CycleFoundException}: the await graph has cycles, so it is no tree. */
    public static final class CycleFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The cycles, each a list of Task ids that ends where it starts. */
        private final transient List<List<Long>> cycles;
        /** Names by Task id, for the message. */
        private final transient Map<Long, String> id2name;

        CycleFoundException(List<List<Long>> cycles, Map<Long, String> id2name) {
            super("the await graph contains cycles: " + cycles);
            this.cycles = cycles;
            this.id2name = id2name;
        }

        /**
         * The cycles found.
         *
         * @return each cycle's Task ids, the first one repeated at the end
         */
        public List<List<Long>> cycles() {
            return cycles;
        }

        /**
         * CPython's report: {@code cycle: a → b → a} per cycle.
         *
         * @return the lines
         */
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            for (List<Long> c : cycles) {
                List<String> names = new ArrayList<>();
                for (Long id : c) {
                    names.add(id2name.getOrDefault(id, "0x" + Long.toHexString(id)));
                }
                lines.add("cycle: " + String.join(" → ", names));
            }
            return lines;
        }
    }

    // ------------------------------------------------------------------ indexing helpers

    private record Await(long parentId, List<String> stack, long childId) {
    }

    private static final class Index {
        final Map<Long, String> id2name = new LinkedHashMap<>();
        final List<Await> awaits = new ArrayList<>();
        final Map<Long, List<String>> taskStacks = new HashMap<>();
    }

    private static Index index(List<AwaitedInfo> result) {
        Index ix = new Index();
        for (AwaitedInfo awaitedInfo : result) {
            for (TaskInfo task : awaitedInfo.tasks()) {
                ix.id2name.put(task.taskId(), task.taskName());
                if (!task.coroutineStack().isEmpty()) {
                    ix.taskStacks.put(task.taskId(), task.coroutineStack());
                }
                for (CoroInfo coro : task.awaitedBy()) {
                    ix.awaits.add(new Await(coro.awaiterId(), coro.callStack(), task.taskId()));
                }
            }
        }
        return ix;
    }

    /** A node of the tree: a Task (by id) or a coroutine frame (by a made-up key). */
    private record Node(boolean task, String key) {
    }

    private static final class Tree {
        final Map<Node, String> labels = new LinkedHashMap<>();
        final Map<Node, List<Node>> children = new HashMap<>();
        final Map<Node, Map<String, Node>> corNodes = new HashMap<>();
        int nextCorId = 1;

        Node corNode(Node parent, String frame) {
            Map<String, Node> byFrame = corNodes.computeIfAbsent(parent, p -> new HashMap<>());
            Node existing = byFrame.get(frame);
            if (existing != null) {
                return existing;
            }
            Node node = new Node(false, "c" + nextCorId++);
            labels.put(node, frame);
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(node);
            byFrame.put(frame, node);
            return node;
        }
    }

    private static Tree buildTree(Index ix) {
        Tree t = new Tree();
        for (Map.Entry<Long, String> e : ix.id2name.entrySet()) {
            t.labels.put(taskNode(e.getKey()), e.getValue());
        }
        for (Await a : ix.awaits) {
            Node cur = taskNode(a.parentId());
            for (int i = a.stack().size() - 1; i >= 0; i--) {
                cur = t.corNode(cur, a.stack().get(i));
            }
            Node child = taskNode(a.childId());
            List<Node> kids = t.children.computeIfAbsent(cur, p -> new ArrayList<>());
            if (!kids.contains(child)) {
                kids.add(child);
            }
        }
        Set<Long> awaiting = new LinkedHashSet<>();
        for (Await a : ix.awaits) {
            awaiting.add(a.parentId());
        }
        for (Long taskId : ix.id2name.keySet()) {
            List<String> stack = ix.taskStacks.get(taskId);
            if (!awaiting.contains(taskId) && stack != null) {
                Node cur = taskNode(taskId);
                for (int i = stack.size() - 1; i >= 0; i--) {
                    cur = t.corNode(cur, stack.get(i));
                }
            }
        }
        return t;
    }

    private static Node taskNode(long id) {
        return new Node(true, Long.toString(id));
    }

    private static List<Node> roots(Tree t) {
        Set<Node> all = new LinkedHashSet<>();
        for (List<Node> kids : t.children.values()) {
            all.addAll(kids);
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : t.labels.keySet()) {
            if (!all.contains(n)) {
                roots.add(n);
            }
        }
        return roots;
    }

    // ------------------------------------------------------------------ cycles in the task-to-task graph

    private static List<List<Long>> findCycles(List<Await> awaits) {
        Map<Long, Set<Long>> graph = new LinkedHashMap<>();
        for (Await a : awaits) {
            graph.computeIfAbsent(a.parentId(), p -> new LinkedHashSet<>()).add(a.childId());
        }
        Map<Long, Integer> color = new HashMap<>(); // absent: white, 1: grey, 2: black
        List<Long> path = new ArrayList<>();
        List<List<Long>> cycles = new ArrayList<>();
        for (Long v : new ArrayList<>(graph.keySet())) {
            if (color.getOrDefault(v, 0) == 0) {
                dfs(v, graph, color, path, cycles);
            }
        }
        return cycles;
    }

    private static void dfs(Long v, Map<Long, Set<Long>> graph, Map<Long, Integer> color, List<Long> path,
                            List<List<Long>> cycles) {
        color.put(v, 1);
        path.add(v);
        for (Long w : graph.getOrDefault(v, Set.of())) {
            int c = color.getOrDefault(w, 0);
            if (c == 0) {
                dfs(w, graph, color, path, cycles);
            } else if (c == 1) {
                List<Long> cycle = new ArrayList<>(path.subList(path.indexOf(w), path.size()));
                cycle.add(w);
                cycles.add(cycle);
            }
        }
        color.put(v, 2);
        path.remove(path.size() - 1);
    }

    // ------------------------------------------------------------------ pstree

    /**
     * CPython's {@code build_async_tree}: one tree per root Task, Tasks prefixed {@code (T)}, the awaiting frames
     * between a Task and the Tasks it awaits.
     *
     * @param result the loops' Tasks
     * @return the trees, each a list of lines
     * @throws CycleFoundException when Tasks await each other
     */
    public static List<List<String>> buildAsyncTree(List<AwaitedInfo> result) {
        Index ix = index(result);
        List<List<Long>> cycles = findCycles(ix.awaits);
        if (!cycles.isEmpty()) {
            throw new CycleFoundException(cycles, ix.id2name);
        }
        Tree t = buildTree(ix);
        List<List<String>> trees = new ArrayList<>();
        for (Node root : roots(t)) {
            List<String> buf = new ArrayList<>();
            render(t, root, "", true, buf);
            trees.add(buf);
        }
        return trees;
    }

    private static void render(Tree t, Node node, String prefix, boolean last, List<String> buf) {
        String flag = node.task() ? "(T)" : "";
        buf.add(prefix + (last ? "└── " : "├── ") + flag + " " + t.labels.get(node));
        String newPrefix = prefix + (last ? "    " : "│   ");
        List<Node> kids = t.children.getOrDefault(node, List.of());
        for (int i = 0; i < kids.size(); i++) {
            render(t, kids.get(i), newPrefix, i == kids.size() - 1, buf);
        }
    }

    // ------------------------------------------------------------------ ps

    /**
     * CPython's {@code build_task_table}: one row per Task and awaiter: thread id, task id, task name, coroutine
     * stack, awaiter chain, awaiter name, awaiter id.
     *
     * @param result the loops' Tasks
     * @return the rows (the thread id is a {@code Long}, the rest strings)
     */
    public static List<List<Object>> buildTaskTable(List<AwaitedInfo> result) {
        Index ix = index(result);
        List<List<Object>> table = new ArrayList<>();
        for (AwaitedInfo awaitedInfo : result) {
            long threadId = awaitedInfo.threadId();
            for (TaskInfo task : awaitedInfo.tasks()) {
                String coroStack = functionChain(task.coroutineStack());
                String id = hex(task.taskId());
                if (task.awaitedBy().isEmpty()) {
                    table.add(List.of(threadId, id, task.taskName(), coroStack, "", "", "0x0"));
                    continue;
                }
                for (CoroInfo coro : task.awaitedBy()) {
                    table.add(List.of(threadId, id, task.taskName(), coroStack, functionChain(coro.callStack()),
                            ix.id2name.getOrDefault(coro.awaiterId(), "Unknown"), hex(coro.awaiterId())));
                }
            }
        }
        return table;
    }

    /**
     * CPython's {@code display_awaited_by_tasks_table}: the table with its header, columns padded as CPython pads
     * them.
     *
     * @param result the loops' Tasks
     * @return the lines
     */
    public static List<String> formatTaskTable(List<AwaitedInfo> result) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-10s %-20s %-20s %-50s %-50s %-15s %-15s", "tid", "task id", "task name",
                "coroutine stack", "awaiter chain", "awaiter name", "awaiter id"));
        lines.add("-".repeat(180));
        for (List<Object> row : buildTaskTable(result)) {
            lines.add(String.format("%-10s %-20s %-20s %-50s %-50s %-15s %-15s", row.toArray()));
        }
        return lines;
    }

    /**
     * CPython's {@code display_awaited_by_tasks_tree}: every tree, one after the other.
     *
     * @param result the loops' Tasks
     * @return the lines
     * @throws CycleFoundException when Tasks await each other
     */
    public static List<String> formatTaskTree(List<AwaitedInfo> result) {
        List<String> lines = new ArrayList<>();
        for (List<String> tree : buildAsyncTree(result)) {
            lines.addAll(tree);
        }
        return lines;
    }

    private static String functionChain(List<String> frames) {
        List<String> names = new ArrayList<>(frames.size());
        for (String f : frames) {
            int space = f.indexOf(' ');
            names.add(space < 0 ? f : f.substring(0, space));
        }
        return String.join(" -> ", names);
    }

    private static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }

    /**
     * CPython's {@code _format_stack_entry} for a Java frame: {@code Class.method File.java:12}.
     *
     * @param frame the frame
     * @return the text
     */
    public static String frameEntry(StackTraceElement frame) {
        String name = CallGraphs.qualifiedName(frame);
        if (frame.getFileName() == null) {
            return name;
        }
        return name + " " + frame.getFileName() + ":" + Math.max(frame.getLineNumber(), 0);
    }
}
