package dev.asyncio4j.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ps PID} and {@code pstree PID} against a child JVM running 100 Tasks ({@link HundredTasks}). */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AsyncioToolTest {
    private Process child;
    private BufferedReader childOut;
    private String mainName;

    @BeforeEach
    void startChild() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HundredTasks.class.getName())
                .redirectErrorStream(true).start();
        childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = childOut.readLine(); !"READY".equals(line); line = childOut.readLine()) {
            assertNotNull(line, "the child ended before it was ready: " + seen);
            seen.add(line);
            if (line.startsWith("MAIN ")) {
                mainName = line.substring(5);
            }
        }
        assertNotNull(mainName, seen.toString());
    }

    @AfterEach
    void stopChild() throws Exception {
        if (child.isAlive()) {
            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("go\n");
            }
            List<String> rest = new ArrayList<>();
            for (String line = childOut.readLine(); line != null; line = childOut.readLine()) {
                rest.add(line);
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
            assertEquals(0, child.exitValue(), rest.toString());
            assertTrue(rest.contains("DONE"), "every Task ended once released: " + rest);
        }
    }

    @Test
    void psPrintsOneRowPerTaskAndAwaiter() {
        List<String> lines = tool("ps", child.pid());
        assertTrue(lines.get(0).matches("tid +task id +task name +coroutine stack +awaiter chain +awaiter name "
                + "+awaiter id *"), lines.get(0));
        assertEquals("-".repeat(180), lines.get(1));
        List<String> rows = lines.subList(2, lines.size());
        assertEquals(100, rows.size(), String.join("\n", lines));
        Map<String, String> awaiterOf = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (String row : rows) {
            String[] cells = row.trim().split(" +");
            String name = cells[2];
            String awaiterId = cells[cells.length - 1];
            ids.add(cells[1]);
            assertTrue(cells[1].startsWith("0x"), row);
            awaiterOf.put(name, awaiterId.equals("0x0") ? "" : cells[cells.length - 2]);
        }
        assertEquals(100, ids.size(), "100 different Tasks");
        assertEquals("", awaiterOf.get(mainName), "nobody awaits the main Task");
        for (int w = 0; w < 9; w++) {
            assertEquals(mainName, awaiterOf.get("worker-" + w), "the main Task awaits each worker (in a gather)");
            for (int j = 0; j < 10; j++) {
                assertEquals("worker-" + w, awaiterOf.get("leaf-" + w + "-" + j), "each leaf's awaiter");
            }
        }
    }

    @Test
    void pstreePrintsTheAwaitTree() {
        List<String> lines = tool("pstree", child.pid());
        String text = String.join("\n", lines);
        assertEquals("└── (T) " + mainName, lines.get(0), text);
        assertEquals(100, lines.stream().filter(l -> l.contains("(T) ")).count(), text);
        int worker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("(T) worker-3")) {
                worker = i;
            }
        }
        assertTrue(worker > 0, text);
        int workerDepth = lines.get(worker).indexOf("(T)");
        // Below worker-3, deeper: the frames where it awaits, then its ten leaves, before the next worker.
        Set<String> leaves = new HashSet<>();
        for (int i = worker + 1; i < lines.size() && lines.get(i).indexOf("──") > workerDepth - 3; i++) {
            String line = lines.get(i);
            if (line.contains("(T) ")) {
                assertTrue(line.indexOf("(T)") > workerDepth, line);
                leaves.add(line.substring(line.indexOf("(T) ") + 4));
            }
        }
        Set<String> expected = new HashSet<>();
        for (int j = 0; j < 10; j++) {
            expected.add("leaf-3-" + j);
        }
        assertEquals(expected, leaves, text);
    }

    @Test
    void theLoopsMBeanCountsAndDumpsTheSameTree() throws Exception {
        try (JMXConnector connector = AsyncioTool.connect(child.pid())) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Set<ObjectName> names = server.queryNames(new ObjectName("dev.asyncio4j:type=EventLoop,*"), null);
            assertEquals(1, names.size(), names.toString());
            ObjectName loop = names.iterator().next();
            assertEquals(100, server.getAttribute(loop, "TaskCount"));
            assertEquals(0, server.getAttribute(loop, "ReadyQueueLength"), "every Task waits: nothing is ready");
            // How many callbacks were slow depends on the machine's load (class loading): only its type is fixed.
            assertTrue((Long) server.getAttribute(loop, "SlowCallbackCount") >= 0);
            String dump = (String) server.invoke(loop, "dumpTasks", new Object[0], new String[0]);
            assertEquals(String.join("\n", tool("pstree", child.pid())), dump);
        }
    }

    @Test
    void usageAndBadPids() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, AsyncioTool.run(new String[] {"top", "1"}, System.out, errStream));
        assertEquals(2, AsyncioTool.run(new String[] {"ps", "abc"}, System.out, errStream));
        assertEquals(1, AsyncioTool.run(new String[] {"ps", Long.toString(Long.MAX_VALUE)}, System.out, errStream));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("usage: java -jar asyncio4j-tools.jar {ps|pstree} PID"), text);
        assertTrue(text.contains("PID must be a process id, not 'abc'"), text);
        assertTrue(text.contains("Error reading the Tasks of process " + Long.MAX_VALUE), text);
    }

    private static List<String> tool(String command, long pid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AsyncioTool.run(new String[] {command, Long.toString(pid)},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }
}
