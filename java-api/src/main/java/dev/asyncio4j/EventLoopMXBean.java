package dev.asyncio4j;

import java.util.List;

/**
 * The JMX view of a running event loop: one MBean per loop, named {@code dev.asyncio4j:type=EventLoop,id=N},
 * registered in the platform MBean server within a second of the loop starting to run and removed when it stops.
 * It lets a debugger, JConsole or {@code java -jar asyncio4j-tools.jar ps|pstree PID} (Python's
 * {@code python -m asyncio ps|pstree PID}) see what every Task awaits, from outside the JVM, with no agent.
 * {@code -Dasyncio4j.jmx=false} turns the MBeans off.
 *
 * <p><b>Thread-safety.</b> Called by JMX on its own threads. The counts are read as they stand; {@link #getTasks()}
 * and {@link #dumpTasks()} are read on the loop between two callbacks, or, when a callback has blocked the loop for
 * a second (which is when someone looks), as they stand.
 */
public interface EventLoopMXBean {
    /**
     * The loop's number, unique in the JVM (the {@code id} of the MBean's name).
     *
     * @return the id
     */
    long getLoopId();

    /**
     * The thread running the loop's iterations.
     *
     * @return its name
     */
    String getThreadName();

    /**
     * The thread running the loop's iterations.
     *
     * @return its id ({@code Thread.getId()})
     */
    long getThreadId();

    /**
     * Whether the loop runs in debug mode.
     *
     * @return the mode
     */
    boolean isDebug();

    /**
     * How many of the loop's Tasks are not done.
     *
     * @return the count
     */
    int getTaskCount();

    /**
     * How many callbacks wait in the loop's ready queue: a queue that stays long means the loop cannot keep up.
     *
     * @return the length
     */
    int getReadyQueueLength();

    /**
     * How often the loop stalled for 100 ms or more: each slow callback or Task step in debug mode or while a JDK
     * Flight Recording runs (then the {@code dev.asyncio4j.SlowCallback} and {@code dev.asyncio4j.SlowStep} events
     * say which), otherwise each loop iteration whose callbacks together took that long.
     *
     * @return the count since the loop was created
     */
    long getSlowCallbackCount();

    /**
     * The loop's pending Tasks: what {@code ps} and {@code pstree} print.
     *
     * @return the Tasks in creation order
     */
    List<PendingTask> getTasks();

    /**
     * The loop's Tasks as Python's {@code python -m asyncio pstree} prints them: one tree per Task nobody awaits,
     * the awaiting code's frames between a Task and the Tasks it awaits.
     *
     * @return the text
     */
    String dumpTasks();

    /**
     * One pending Task, as JMX carries it (an open-type {@code CompositeData} with these items).
     */
    final class PendingTask {
        private final long id;
        private final String name;
        private final List<String> stack;
        private final List<Long> awaitedBy;

        /**
         * A Task's snapshot.
         *
         * @param id the Task's id (the one call graphs show)
         * @param name its name
         * @param stack its frames where it is suspended, innermost first, each {@code Class.method File.java:12}
         * @param awaitedBy the ids of the Tasks awaiting it
         */
        public PendingTask(long id, String name, List<String> stack, List<Long> awaitedBy) {
            this.id = id;
            this.name = name;
            this.stack = List.copyOf(stack);
            this.awaitedBy = List.copyOf(awaitedBy);
        }

        /**
         * The Task's id, unique in the JVM.
         *
         * @return the id
         */
        public long getId() {
            return id;
        }

        /**
         * The Task's name.
         *
         * @return the name
         */
        public String getName() {
            return name;
        }

        /**
         * Where the Task is suspended, innermost frame first, each {@code Class.method File.java:12}.
         *
         * @return the frames
         */
        public List<String> getStack() {
            return stack;
        }

        /**
         * The ids of the Tasks awaiting this one (directly or through a combinator).
         *
         * @return the ids
         */
        public List<Long> getAwaitedBy() {
            return awaitedBy;
        }

        @Override
        public String toString() {
            return "PendingTask[id=" + id + ", name=" + name + ", awaitedBy=" + awaitedBy + "]";
        }
    }
}
