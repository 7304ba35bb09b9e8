package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ported from CPython 3.14's {@code test_asyncio/test_graph.py}: the shape of {@code capture_call_graph} (Task
 * names, the names of the frames in this class, the awaiters) for task groups, gather, shield, timeouts, wait, a
 * Task awaiting a Task, and a Future awaited by two Tasks. As CPython's {@code walk} does, a Task named
 * {@code Task-N} shows as {@code T<anon>}, awaiters are sorted, and frames are compared by name, never by line.
 * Only frames of this class count (lambdas left out): the SDK's own frames in between are not part of the shape.
 */
class CallGraphTest {
    private List<Object> stackForC5;
    private List<Object> captured;
    private String printed;

    /** CPython's {@code walk}: {@code [T<name> | F, [frame names], [awaiters, sorted]]}. */
    private static List<Object> walk(FutureCallGraph g) {
        String head;
        if (g.future() instanceof Task<?> t) {
            head = t.getName().contains("-") ? "T<anon>" : "T<" + t.getName() + ">";
        } else {
            head = "F";
        }
        List<String> frames = g.callStack().stream()
                .filter(f -> f.getClassName().equals(CallGraphTest.class.getName()))
                .map(StackTraceElement::getMethodName)
                .filter(m -> !m.startsWith("lambda$"))
                .toList();
        List<List<Object>> awaiters = g.awaitedBy().stream()
                .map(CallGraphTest::walk)
                .sorted(Comparator.comparing(e -> (String) e.get(0)))
                .toList();
        return List.of(head, frames, awaiters);
    }

    /** CPython's {@code capture_test_stack}: the walk of the graph, and its printed form. */
    private List<Object> captureTestStack(Future<?> fut) {
        printed = fut == null ? Asyncio.formatCallGraph() : Asyncio.formatCallGraph(fut);
        FutureCallGraph graph = fut == null ? Asyncio.captureCallGraph() : Asyncio.captureCallGraph(fut);
        return walk(graph);
    }

    private static List<Object> node(String head, List<String> frames, List<?> awaiters) {
        return List.of(head, frames, awaiters);
    }

    // ------------------------------------------------------------------ test_stack_tgroup

    private void c5() {
        stackForC5 = captureTestStack(null);
    }

    private Void c4() {
        Aio.sleep0();
        c5();
        return null;
    }

    private Void c3() {
        return c4();
    }

    private Void c2() {
        return c3();
    }

    private Void c1(Task<?> task) {
        Asyncio.await(task);
        return null;
    }

    private Void tgroupMain() {
        Asyncio.taskGroup(tg -> {
            Task<Void> task = tg.createTask(this::c2, "c2_root");
            tg.createTask(() -> c1(task), "sub_main_1");
            tg.createTask(() -> c1(task), "sub_main_2");
            return null;
        });
        return null;
    }

    @Test
    void stackTgroup() {
        Asyncio.run(this::tgroupMain);
        List<Object> mainTask = node("T<anon>", List.of("tgroupMain"), List.of());
        assertEquals(node("T<c2_root>", List.of("captureTestStack", "c5", "c4", "c3", "c2"), List.of(
                mainTask,
                node("T<sub_main_1>", List.of("c1"), List.of(mainTask)),
                node("T<sub_main_2>", List.of("c1"), List.of(mainTask)))), stackForC5);
        assertTrue(printed.contains(" in CallGraphTest.tgroupMain()"), printed);
        // The group's exit is part of the awaiting code, as CPython shows TaskGroup.__aexit__.
        assertTrue(printed.contains(" in Asyncio.taskGroup()"), printed);
    }

    // ------------------------------------------------------------------ test_stack_gather

    private Void deep() {
        Aio.sleep0();
        captured = captureTestStack(null);
        return null;
    }

    private Void gatherC1() {
        Aio.sleep0();
        return deep();
    }

    private Void gatherC2() {
        Aio.sleep0();
        return null;
    }

    private Void gatherMain() {
        Asyncio.await(Asyncio.gather(Asyncio.createTask(this::gatherC1), Asyncio.createTask(this::gatherC2)));
        return null;
    }

    @Test
    void stackGather() {
        Asyncio.run(this::gatherMain);
        assertEquals(node("T<anon>", List.of("captureTestStack", "deep", "gatherC1"), List.of(
                node("T<anon>", List.of("gatherMain"), List.of()))), captured);
    }

    // ------------------------------------------------------------------ test_stack_shield

    private Void shieldMain() {
        Asyncio.await(Asyncio.shield(Asyncio.createTask(this::gatherC1)));
        return null;
    }

    @Test
    void stackShield() {
        Asyncio.run(this::shieldMain);
        assertEquals(node("T<anon>", List.of("captureTestStack", "deep", "gatherC1"), List.of(
                node("T<anon>", List.of("shieldMain"), List.of()))), captured);
    }

    // ------------------------------------------------------------------ test_stack_timeout

    private Void inner() {
        Aio.sleep0();
        captured = captureTestStack(null);
        return null;
    }

    private Void timeoutC1() {
        return Asyncio.withTimeout(1, () -> {
            Aio.sleep0();
            return inner();
        });
    }

    private Void timeoutMain() {
        Asyncio.await(Asyncio.shield(Asyncio.createTask(this::timeoutC1)));
        return null;
    }

    @Test
    void stackTimeout() {
        Asyncio.run(this::timeoutMain);
        assertEquals(node("T<anon>", List.of("captureTestStack", "inner", "timeoutC1"), List.of(
                node("T<anon>", List.of("timeoutMain"), List.of()))), captured);
    }

    // ------------------------------------------------------------------ test_stack_wait

    private Void waitC2() {
        for (int i = 0; i < 3; i++) {
            Aio.sleep0();
        }
        return null;
    }

    private void waitMain(Task<?> t1, Task<?> t2) {
        while (true) {
            WaitResult<Object> r = Asyncio.await(Asyncio.wait(List.<Future<?>>of(t1, t2)));
            if (r.pending().isEmpty()) {
                break;
            }
        }
    }

    @Test
    void stackWait() {
        Asyncio.run(() -> {
            Task<Void> t1 = Asyncio.createTask(this::timeoutC1);
            Task<Void> t2 = Asyncio.createTask(this::waitC2);
            try {
                waitMain(t1, t2);
            } finally {
                Asyncio.await(t1);
                Asyncio.await(t2);
            }
            return null;
        });
        assertEquals(node("T<anon>", List.of("captureTestStack", "inner", "timeoutC1"), List.of(
                node("T<anon>", List.of("waitMain"), List.of()))), captured);
    }

    // ------------------------------------------------------------------ test_stack_task

    private Void taskC1() {
        return inner();
    }

    private Void taskC2() {
        Asyncio.await(Asyncio.createTask(this::taskC1, "there there"));
        return null;
    }

    private Void taskMain() {
        return taskC2();
    }

    @Test
    void stackTask() {
        Asyncio.run(this::taskMain);
        assertEquals(node("T<there there>", List.of("captureTestStack", "inner", "taskC1"), List.of(
                node("T<anon>", List.of("taskC2", "taskMain"), List.of()))), captured);
    }

    // ------------------------------------------------------------------ test_stack_future

    private Void a2(Future<?> fut) {
        Asyncio.await(fut);
        return null;
    }

    private Void a1(Future<?> fut) {
        return a2(fut);
    }

    private Void b1(Future<?> fut) {
        Asyncio.await(fut);
        return null;
    }

    private Void futureMain() {
        Future<Void> fut = Asyncio.getRunningLoop().createFuture();
        Asyncio.taskGroup(g -> {
            g.createTask(() -> a1(fut), "task A");
            g.createTask(() -> b1(fut), "task B");
            for (int i = 0; i < 5; i++) {
                Aio.sleep0(); // a few iterations, so that both tasks await the future
            }
            captured = captureTestStack(fut);
            fut.setResult(null);
            return null;
        });
        return null;
    }

    @Test
    void stackFuture() {
        Asyncio.run(this::futureMain);
        // The group's parent is the Task capturing the graph: its frames are where it runs now.
        List<Object> parent = node("T<anon>", List.of("captureTestStack", "futureMain"), List.of());
        assertEquals(node("F", List.of(), List.of(
                node("T<task A>", List.of("a2", "a1"), List.of(parent)),
                node("T<task B>", List.of("b1"), List.of(parent)))), captured);
        assertTrue(printed.startsWith("* Future(id=0x"), printed);
    }

    // ------------------------------------------------------------------ the rest of the API

    @Test
    void captureCallGraphWithoutARunningLoopNeedsAFuture() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::captureCallGraph);
        assertTrue(e.getMessage().contains("outside of a running event loop"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Asyncio.captureCallGraph(null));
    }

    @Test
    void outsideATaskTheCurrentGraphIsNull() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Object[] seen = new Object[] {"unset", "unset"};
            loop.callSoon(() -> {
                seen[0] = Asyncio.captureCallGraph();
                seen[1] = Asyncio.formatCallGraph();
                loop.stop();
            });
            loop.runForever();
            assertNull(seen[0]);
            assertEquals("", seen[1]);
        } finally {
            loop.close();
        }
    }

    @Test
    void aGraphCanBeReadWithoutARunningLoopAndFromAnotherThread() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<Void> fut = loop.createFuture();
            loop.createTask(() -> a2(fut), "waiter");
            loop.runUntilComplete(loop.createTask(() -> {
                Aio.sleep0();
                return null;
            }));
            // The loop is not running: read at once, on this thread.
            FutureCallGraph g = Asyncio.captureCallGraph(fut);
            assertSame(fut, g.future());
            assertEquals(node("F", List.of(), List.of(node("T<waiter>", List.of("a2"), List.of()))), walk(g));
            // While it runs on another thread: read on the loop.
            Thread runner = new Thread(loop::runForever);
            runner.start();
            try {
                assertEquals(walk(g), walk(Asyncio.captureCallGraph(fut)));
            } finally {
                loop.callSoonThreadsafe(() -> {
                    fut.setResult(null);
                    loop.stop();
                });
                runner.join();
            }
        } finally {
            loop.close();
        }
    }

    @Test
    void formatFollowsCpythonsLayout() {
        String[] text = new String[1];
        Asyncio.run(() -> {
            Future<Void> fut = Asyncio.getRunningLoop().createFuture();
            Task<Void> t = Asyncio.createTask(() -> b1(fut), "leaf");
            Aio.sleep0();
            text[0] = Asyncio.formatCallGraph(fut);
            fut.setResult(null);
            Asyncio.await(t);
            return null;
        });
        String[] lines = text[0].split("\n");
        assertTrue(lines[0].matches("\\* Future\\(id=0x[0-9a-f]+\\)"), text[0]);
        assertEquals("  + Awaited by:", lines[1], text[0]);
        assertTrue(lines[2].matches("    \\* Task\\(name='leaf', id=0x[0-9a-f]+\\)"), text[0]);
        assertEquals("      + Call stack:", lines[3], text[0]);
        assertTrue(lines[4].matches("      \\|   File 'CallGraphTest\\.java', line \\d+, in CallGraphTest\\.b1\\(\\)"),
                text[0]);
    }

    @Test
    void taskStackCoroAndPrintStack() {
        Asyncio.run(() -> {
            Future<Void> fut = Asyncio.getRunningLoop().createFuture();
            Coroutine<Void> body = () -> b1(fut);
            Task<Void> t = Asyncio.createTask(body, "printed");
            assertSame(body, t.getCoro());
            assertEquals(List.of(), t.getStack(), "not started yet");
            Aio.sleep0();
            List<StackTraceElement> stack = t.getStack();
            assertEquals("b1", stack.get(0).getMethodName(), stack.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            t.printStack(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.startsWith("Stack for <Task pending name='printed'> (most recent call first):"), out);
            assertTrue(out.contains("\tat " + CallGraphTest.class.getName() + ".b1(CallGraphTest.java:"), out);
            assertTrue(!out.contains("$$Lambda"), out);
            fut.setResult(null);
            Asyncio.await(t);
            assertEquals(List.of(), t.getStack(), "done");
            bytes.reset();
            t.printStack(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("No stack for <Task finished name='printed'"));
            return null;
        });
    }

    private static void awaitHere() {
        Asyncio.await(Asyncio.sleep(0));
    }

    @Test
    void getStackFromACallbackRunningOnTheWaitingTasksThreadShowsWhereItAwaits() {
        // On JDK 21+ a Java body's thread runs the loop's work after its await (the turn is passed like a baton), so
        // this callback runs on the thread of the Task it asks about: the loop's frames there are not the Task's.
        Thread[] threads = new Thread[2];
        List<List<StackTraceElement>> seen = new java.util.ArrayList<>();
        Asyncio.run(() -> {
            Task<?>[] self = new Task<?>[1];
            self[0] = Asyncio.createTask(() -> {
                threads[0] = Thread.currentThread();
                Asyncio.getRunningLoop().callSoon(() -> {
                    threads[1] = Thread.currentThread();
                    seen.add(self[0].getStack());
                });
                awaitHere();
                return null;
            });
            Asyncio.await(self[0]);
            return null;
        });
        if (Runtime.version().feature() >= 21 && System.getProperty("asyncio4j.handOff") == null) {
            assertSame(threads[0], threads[1], "the callback ran on the awaiting body's thread");
        }
        List<StackTraceElement> stack = seen.get(0);
        assertEquals("awaitHere", stack.get(0).getMethodName(), stack.toString());
        assertEquals(CallGraphTest.class.getName(), stack.get(0).getClassName());
    }

    @Test
    void exceptionHandlerGetter() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertNull(loop.getExceptionHandler());
            ExceptionHandler h = (l, ctx) -> { };
            loop.setExceptionHandler(h);
            assertSame(h, loop.getExceptionHandler());
            loop.setExceptionHandler(null);
            assertNull(loop.getExceptionHandler());
        } finally {
            loop.close();
        }
    }
}
