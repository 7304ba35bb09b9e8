package dev.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link LoopGroup}: N loops on N threads, spread and sticky placement, cross-thread submits, close, one server. */
class LoopGroupTest {
    @Test
    void eightLoopsTenThousandSubmitsNoneLostEachLoopSingleThreaded() throws Exception {
        int loops = 8;
        int submits = 10_000;
        int submitters = 4;
        Map<EventLoop, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<EventLoop, AtomicInteger> served = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        List<CompletableFuture<Integer>> results = Collections.synchronizedList(new ArrayList<>());
        try (LoopGroup group = LoopGroup.create(loops)) {
            assertEquals(loops, group.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int from = s * (submits / submitters);
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = from; i < from + submits / submitters; i++) {
                        int n = i;
                        results.add(group.submit(() -> {
                            EventLoop loop = Asyncio.getRunningLoop();
                            served.computeIfAbsent(loop, l -> new AtomicInteger()).incrementAndGet();
                            AtomicInteger busy = inFlight.computeIfAbsent(loop, l -> new AtomicInteger());
                            // One step of this loop: nothing else of the loop may run meanwhile, neither another
                            // Task's step nor a callback (checked the same way below).
                            if (busy.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            loop.callSoon(() -> {
                                if (busy.incrementAndGet() != 1) {
                                    overlaps.incrementAndGet();
                                }
                                busy.decrementAndGet();
                            });
                            busy.decrementAndGet();
                            return n;
                        }));
                    }
                });
                threads.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long sum = 0;
            for (CompletableFuture<Integer> r : results) {
                sum += r.get(60, TimeUnit.SECONDS);
            }
            assertEquals(submits, results.size());
            assertEquals((long) submits * (submits - 1) / 2, sum, "every submit ran exactly once");
            assertEquals(0, overlaps.get(), "two steps of one loop overlapped");
            assertEquals(loops, served.size(), "every loop got work");
            for (AtomicInteger n : served.values()) {
                assertEquals(submits / loops, n.get(), "round-robin spreads evenly: " + served.values());
            }
        }
    }

    /** eclipse-vertx/vert.x#5924: instances meant for different event loops all landed on one. */
    @Test
    void roundRobinReallyLandsOnDifferentLoopsRunningInParallel() throws Exception {
        int loops = 4;
        try (LoopGroup group = LoopGroup.create(loops)) {
            CyclicBarrier allInside = new CyclicBarrier(loops);
            List<CompletableFuture<EventLoop>> where = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                where.add(group.submit(() -> {
                    // Blocks this loop until every instance is inside: only loops on distinct threads get there.
                    allInside.await(30, TimeUnit.SECONDS);
                    return Asyncio.getRunningLoop();
                }));
            }
            Set<EventLoop> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (CompletableFuture<EventLoop> f : where) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(loops, distinct.size(), "each instance on its own loop");
            Set<EventLoop> viaNext = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < loops; i++) {
                viaNext.add(group.next());
            }
            assertEquals(distinct, viaNext);
        }
    }

    @Test
    void loopForIsStickyAndSpreadsKeys() throws Exception {
        try (LoopGroup group = LoopGroup.create(4)) {
            Set<EventLoop> used = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int key = 0; key < 400; key++) {
                EventLoop loop = group.loopFor("session-" + key);
                assertSame(loop, group.loopFor("session-" + key));
                used.add(loop);
            }
            assertEquals(4, used.size());
            EventLoop expected = group.loopFor("user-7");
            for (int i = 0; i < 20; i++) {
                assertSame(expected, group.submit("user-7", Asyncio::getRunningLoop).get(60, TimeUnit.SECONDS));
            }
            assertThrows(NullPointerException.class, () -> group.loopFor(null));
        }
    }

    @Test
    void closeCancelsAndDrainsTasksPendingOnEveryLoop() throws Exception {
        int loops = 4;
        LoopGroup group = LoopGroup.create(loops);
        List<EventLoop> all = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            all.add(group.next());
        }
        AtomicInteger started = new AtomicInteger();
        AtomicInteger cleanedUp = new AtomicInteger();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        CountDownLatch allStarted = new CountDownLatch(2 * loops);
        for (int i = 0; i < 2 * loops; i++) {
            pending.add(group.submit(() -> {
                started.incrementAndGet();
                allStarted.countDown();
                try {
                    Asyncio.await(Asyncio.getRunningLoop().createFuture()); // never completes
                    return null;
                } finally {
                    Asyncio.await(Asyncio.sleep(0.01)); // the cleanup may await: close drains it
                    cleanedUp.incrementAndGet();
                }
            }));
        }
        assertTrue(allStarted.await(60, TimeUnit.SECONDS));
        group.close();
        assertEquals(2 * loops, cleanedUp.get(), "every Task's cleanup ran before close returned");
        for (CompletableFuture<Void> f : pending) {
            assertTrue(f.isDone());
            assertThrows(CancellationException.class, () -> f.get(0, TimeUnit.SECONDS));
        }
        for (EventLoop loop : all) {
            assertTrue(loop.isClosed());
        }
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> group.submit(() -> 1));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertThrows(IllegalStateException.class, group::next);
        group.close(); // idempotent
    }

    @Test
    void closeFromOneOfItsLoopsIsRefused() throws Exception {
        LoopGroup group = LoopGroup.create(2);
        try {
            Throwable refused = group.submit(() -> {
                try {
                    group.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }).get(60, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, refused);
            assertTrue(refused.getMessage().contains("another thread"), refused.getMessage());
            assertEquals(7, group.submit(() -> 7).get(60, TimeUnit.SECONDS), "the group still works");
        } finally {
            group.close();
        }
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopGroup.create(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        try (LoopGroup group = LoopGroup.create(1)) {
            assertThrows(NullPointerException.class, () -> group.submit(null));
            assertThrows(NullPointerException.class, () -> group.submit("k", null));
            assertSame(group.next(), group.next());
        }
    }

    @Test
    void oneListenerSpreadsConnectionsOverTheLoops() throws Exception {
        int loops = 4;
        int clients = 8;
        Map<EventLoop, AtomicInteger> servedOn = new ConcurrentHashMap<>();
        try (LoopGroup group = LoopGroup.create(loops)) {
            Server server = group.startServer((reader, writer) -> {
                servedOn.computeIfAbsent(Asyncio.getRunningLoop(), l -> new AtomicInteger()).incrementAndGet();
                byte[] line = Asyncio.await(reader.readLine());
                writer.write(line);
                Asyncio.await(writer.drain());
                writer.close();
            }, "127.0.0.1", 0, StreamOptions.defaults()).get(60, TimeUnit.SECONDS);
            assertTrue(server.isServing());
            int port = server.sockets().get(0).getPort();
            List<String> echoed = Asyncio.run(() -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    // one after the other: the round-robin order is then exact
                    Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
                    c.writer().write(("hello " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.add(new String(Asyncio.await(c.reader().readLine()), StandardCharsets.UTF_8).trim());
                    c.writer().close();
                    Asyncio.await(c.writer().waitClosed());
                }
                return out;
            });
            for (int i = 0; i < clients; i++) {
                assertEquals("hello " + i, echoed.get(i));
            }
            assertEquals(loops, servedOn.size(), "connections landed on every loop: " + servedOn);
            for (AtomicInteger n : servedOn.values()) {
                assertEquals(clients / loops, n.get());
            }
            server.close();
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            server.waitClosed().toCompletableFuture().get(60, TimeUnit.SECONDS);
            EventLoop a = group.next();
            assertNotSame(a, group.next());
        }
    }
}
