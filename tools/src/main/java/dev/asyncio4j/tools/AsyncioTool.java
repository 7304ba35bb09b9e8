package dev.asyncio4j.tools;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.asyncio4j.EventLoopMXBean.PendingTask;
import dev.asyncio4j.internal.TaskDumps;
import dev.asyncio4j.internal.TaskTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Python's {@code python -m asyncio ps PID} and {@code pstree PID} for a running JVM:
 * {@code java -jar asyncio4j-tools.jar ps PID} prints one row per Task of every running event loop and per Task
 * awaiting it (CPython 3.14's table), {@code pstree PID} one tree per Task nobody awaits, with the awaiting code's
 * frames between a Task and the Tasks it awaits.
 *
 * <p>No agent: the command attaches to the JVM (the Attach API, same user), starts its local JMX agent and reads
 * the {@link dev.asyncio4j.EventLoopMXBean} every running loop registers (a loop shows a second after it starts;
 * {@code -Dasyncio4j.jmx=false} in the target hides it).
 */
public final class AsyncioTool {
    private static final String USAGE = "usage: java -jar asyncio4j-tools.jar {ps|pstree} PID\n"
            + "  ps      PID  a table of the running loops' Tasks and who awaits each (python -m asyncio ps)\n"
            + "  pstree  PID  their await trees (python -m asyncio pstree)";

    private AsyncioTool() {
    }

    /**
     * Runs the command and exits with its status: 0 when it printed the table or tree, 1 when the JVM could not be
     * read or its await graph has cycles, 2 on a usage error.
     *
     * @param args {@code ps PID} or {@code pstree PID}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command.
     *
     * @param args {@code ps PID} or {@code pstree PID}
     * @param out where the table or tree goes
     * @param err where errors go
     * @return the exit status (see {@link #main})
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("ps") || args[0].equals("pstree"))) {
            err.println(USAGE);
            return 2;
        }
        long pid;
        try {
            pid = Long.parseLong(args[1]);
        } catch (NumberFormatException e) {
            err.println("PID must be a process id, not '" + args[1] + "'\n" + USAGE);
            return 2;
        }
        List<TaskTrees.AwaitedInfo> loops;
        try {
            loops = readLoops(pid);
        } catch (IOException | AttachNotSupportedException | JMException | RuntimeException e) {
            err.println("Error reading the Tasks of process " + pid + ": " + e
                    + " (is it a JVM of this user, running asyncio4j?)");
            return 1;
        }
        if (loops.isEmpty()) {
            err.println("No running asyncio4j event loop in process " + pid
                    + " (a loop shows a second after it starts, unless -Dasyncio4j.jmx=false)");
        }
        if (args[0].equals("ps")) {
            TaskTrees.formatTaskTable(loops).forEach(out::println);
            return 0;
        }
        try {
            TaskTrees.formatTaskTree(loops).forEach(out::println);
            return 0;
        } catch (TaskTrees.CycleFoundException e) {
            // CPython's wording and exit status.
            err.println("ERROR: await-graph contains cycles - cannot print a tree!");
            err.println();
            e.describe().forEach(err::println);
            return 1;
        }
    }

    /**
     * The Tasks of every running loop of the JVM {@code pid}, read over JMX, the loops in the order they were created.
     *
     * @param pid the JVM's process id
     * @return one entry per running loop
     * @throws IOException when the JVM cannot be reached
     * @throws AttachNotSupportedException when it is no JVM this user may attach to
     * @throws JMException when its MBeans cannot be read
     */
    static List<TaskTrees.AwaitedInfo> readLoops(long pid) throws IOException, AttachNotSupportedException,
            JMException {
        try (JMXConnector connector = connect(pid)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            List<ObjectName> names = new ArrayList<>(server.queryNames(
                    new ObjectName("dev.asyncio4j:type=EventLoop,*"), null));
            names.sort(Comparator.comparingLong(n -> Long.parseLong(n.getKeyProperty("id"))));
            List<TaskTrees.AwaitedInfo> loops = new ArrayList<>();
            for (ObjectName name : names) {
                try {
                    long threadId = (Long) server.getAttribute(name, "ThreadId");
                    CompositeData[] tasks = (CompositeData[]) server.getAttribute(name, "Tasks");
                    loops.add(TaskDumps.awaitedInfo(threadId, pendingTasks(tasks)));
                } catch (InstanceNotFoundException stoppedMeanwhile) {
                    // The loop stopped between the query and the read: it has no Tasks to show any more.
                }
            }
            return loops;
        }
    }

    /**
     * A JMX connection to the JVM {@code pid}: attaches to it and starts its local management agent (a no-op when
     * it runs), so the JVM needs no flag.
     *
     * @param pid the JVM's process id
     * @return the connection, to close
     * @throws IOException when the JVM cannot be reached
     * @throws AttachNotSupportedException when it is no JVM this user may attach to
     */
    static JMXConnector connect(long pid) throws IOException, AttachNotSupportedException {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }

    /**
     * The {@link PendingTask}s that JMX carries as open data.
     *
     * @param tasks the {@code Tasks} attribute of a loop's MBean
     * @return the Tasks
     */
    static List<PendingTask> pendingTasks(CompositeData[] tasks) {
        List<PendingTask> out = new ArrayList<>(tasks.length);
        for (CompositeData t : tasks) {
            out.add(new PendingTask((Long) t.get("id"), (String) t.get("name"),
                    Arrays.asList((String[]) t.get("stack")), Arrays.asList((Long[]) t.get("awaitedBy"))));
        }
        return out;
    }
}
