package dev.asyncio4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython's test_streams and test_server over real loopback sockets: open_connection, start_server, the error
 * paths of the issue (refused, reset mid-read, EOF in readExactly, limit overrun, drain under a slow reader),
 * Server's lifecycle, and 1,000 concurrent Java handlers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamsTest {
    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    static String s(byte[] bytes) {
        return new String(bytes, US_ASCII);
    }

    static int port(Server server) {
        return server.sockets().get(0).getPort();
    }

    /** An echo handler: a line at a time until end of file. */
    static final ClientConnected ECHO = (reader, writer) -> {
        while (true) {
            byte[] line = Asyncio.await(reader.readLine());
            if (line.length == 0) {
                break;
            }
            writer.write(line);
            Asyncio.await(writer.drain());
        }
        writer.close();
        Asyncio.await(writer.waitClosed());
    };

    @Test
    void openConnectionAndStartServer() {
        List<String> got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0));
            assertTrue(server.isServing());
            assertNotEquals(0, port(server), "port 0 resolved in sockets()");
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().write(b("hello\n"));
            c.writer().writeLines(List.of(b("wor"), b("ld\n")));
            List<String> out = new ArrayList<>();
            out.add(s(Asyncio.await(c.reader().readLine())));
            out.add(s(Asyncio.await(c.reader().readLine())));
            assertEquals(port(server), c.writer().peerAddress().getPort());
            assertEquals("127.0.0.1", c.writer().localAddress().getAddress().getHostAddress());
            assertTrue(c.writer().canWriteEof());
            c.writer().writeEof();
            out.add(s(Asyncio.await(c.reader().read(-1))));
            assertTrue(c.reader().atEof());
            c.writer().close();
            Asyncio.await(c.writer().waitClosed());
            server.close();
            Asyncio.await(server.waitClosed());
            assertFalse(server.isServing());
            assertTrue(server.sockets().isEmpty());
            return out;
        });
        assertEquals(List.of("hello\n", "world\n", ""), got);
    }

    @Test
    void openConnectionByNameResolvesOffTheLoop() {
        String got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "localhost", 0));
            int port = port(server);
            Connection c = Asyncio.await(Asyncio.openConnection("localhost", port));
            c.writer().write(b("named\n"));
            String line = s(Asyncio.await(c.reader().readLine()));
            c.writer().close();
            server.close();
            server.closeClients();
            Asyncio.await(server.waitClosed());
            return line;
        });
        assertEquals("named\n", got);
    }

    @Test
    void refusedConnection() throws IOException {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        int free = port;
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Asyncio.run(() -> Asyncio.await(Asyncio.openConnection("127.0.0.1", free))));
        assertInstanceOf(ConnectException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("127.0.0.1:" + free), e.getCause().getMessage());
    }

    @Test
    void unknownHost() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Asyncio.run(() -> Asyncio.await(Asyncio.openConnection("no-such-host.invalid", 80))));
        assertInstanceOf(java.net.UnknownHostException.class, e.getCause());
    }

    @Test
    void badInput() {
        Asyncio.run(() -> {
            assertThrows(NullPointerException.class, () -> Asyncio.openConnection(null, 80));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.openConnection("127.0.0.1", -1));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.openConnection("127.0.0.1", 65536));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.openConnection("127.0.0.1", 80,
                    StreamOptions.defaults().withServerHostname("example.org")));
            assertThrows(NullPointerException.class, () -> Asyncio.startServer(null, "127.0.0.1", 0));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.startServer(ECHO, "127.0.0.1", 70000));
            assertThrows(NullPointerException.class, () -> Asyncio.openConnection("127.0.0.1", 80, null));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> Asyncio.openConnection("127.0.0.1", 80));
        assertThrows(IllegalArgumentException.class, () -> StreamOptions.defaults().withLimit(0));
        assertThrows(IllegalArgumentException.class, () -> StreamOptions.defaults().withSslHandshakeTimeout(0));
        assertThrows(IllegalArgumentException.class,
                () -> StreamOptions.defaults().withSslHandshakeTimeout(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> StreamOptions.defaults().withBacklog(-1));
        assertThrows(NullPointerException.class, () -> StreamOptions.defaults().withSsl(null));
    }

    @Test
    void peerResetMidRead() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = plain.accept()) {
                    s.getOutputStream().write(b("half a li"));
                    s.getOutputStream().flush();
                    s.getInputStream().read(); // wait for the client's go
                    s.setSoLinger(true, 0);    // close with RST
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<Object> got = Asyncio.run(() -> {
                Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", plain.getLocalPort()));
                List<Object> out = new ArrayList<>();
                out.add(s(Asyncio.await(c.reader().read(9))));
                c.writer().write(b("!"));
                try {
                    Asyncio.await(c.reader().readLine());
                    out.add("no error");
                } catch (UncheckedIOException e) {
                    out.add(e.getCause());
                }
                try {
                    Asyncio.await(c.writer().waitClosed());
                    out.add("closed cleanly");
                } catch (UncheckedIOException e) {
                    out.add("waitClosed: " + e.getCause().getClass().getSimpleName());
                }
                return out;
            });
            peer.get(30, TimeUnit.SECONDS);
            assertEquals("half a li", got.get(0));
            assertInstanceOf(SocketException.class, got.get(1));
            assertEquals("waitClosed: SocketException", got.get(2));
        }
    }

    @Test
    void eofInReadExactlyOverASocket() {
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                w.write(b("12345"));
                w.close();
            }, "127.0.0.1", 0));
            try {
                Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
                return Asyncio.await(c.reader().readExactly(10));
            } finally {
                server.close();
            }
        }));
        assertEquals("12345", s(e.partial()));
        assertEquals(10, e.expected());
    }

    @Test
    void limitOverrunOverASocket() {
        List<String> got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                w.write(b("0123456789abcdef\nshort\n"));
                w.close();
            }, "127.0.0.1", 0));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server),
                    StreamOptions.defaults().withLimit(8)));
            List<String> out = new ArrayList<>();
            try {
                Asyncio.await(c.reader().readUntil(b("\n")));
            } catch (LimitOverrunError e) {
                out.add("overrun consumed=" + e.consumed());
            }
            try {
                Asyncio.await(c.reader().readLine());
            } catch (IllegalArgumentException e) {
                out.add("readLine: " + e.getMessage());
            }
            out.add(s(Asyncio.await(c.reader().readLine())));
            c.writer().close();
            server.close();
            return out;
        });
        assertEquals("overrun consumed=16", got.get(0));
        assertEquals("readLine: Separator is found, but chunk is longer than limit", got.get(1));
        assertEquals("short\n", got.get(2));
    }

    @Test
    void drainBlocksUnderASlowReaderAndResumes() {
        long[] counts = Asyncio.run(() -> {
            Event go = new Event();
            long[] received = {0};
            Future<Void> serverDone = Asyncio.getRunningLoop().createFuture();
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                Asyncio.await(go.waitAsync());
                while (true) {
                    byte[] chunk = Asyncio.await(r.read(1 << 16));
                    if (chunk.length == 0) {
                        break;
                    }
                    received[0] += chunk.length;
                }
                w.close();
                serverDone.setResult(null);
            }, "127.0.0.1", 0));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            Future<Void> blocked = null;
            for (int i = 0; i < 10_000 && blocked == null; i++) {
                c.writer().write(chunk);
                sent += chunk.length;
                Future<Void> d = c.writer().drain();
                if (!d.isDone()) {
                    blocked = d;
                }
                Asyncio.await(Asyncio.sleep(0));
            }
            assertTrue(blocked != null, "the socket buffers never filled");
            Asyncio.await(Asyncio.sleep(0.05));
            assertFalse(blocked.isDone(), "drain returned while nobody read");
            assertTrue(c.writer().transport().getWriteBufferSize() > 64 * 1024);
            go.set();
            Asyncio.await(blocked);
            c.writer().writeEof();
            Asyncio.await(serverDone);
            c.writer().close();
            server.close();
            return new long[] {sent, received[0]};
        });
        assertEquals(counts[0], counts[1], "every byte arrived");
    }

    @Test
    void handlerThatThrowsIsReportedAndTheServerKeepsServing() {
        List<ExceptionContext> reported = new ArrayList<>();
        List<String> got = Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx));
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                byte[] line = Asyncio.await(r.readLine());
                if (s(line).startsWith("boom")) {
                    throw new IllegalStateException("handler failed");
                }
                w.write(line);
                w.close();
            }, "127.0.0.1", 0));
            List<String> out = new ArrayList<>();
            Connection bad = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            bad.writer().write(b("boom\n"));
            out.add("bad: '" + s(Asyncio.await(bad.reader().read(-1))) + "'");
            Connection good = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            good.writer().write(b("fine\n"));
            out.add("good: '" + s(Asyncio.await(good.reader().read(-1))) + "'");
            server.close();
            Asyncio.await(server.waitClosed());
            return out;
        });
        assertEquals(List.of("bad: ''", "good: 'fine\n'"), got);
        assertEquals(1, reported.size(), reported.toString());
        assertEquals("Unhandled exception in client_connected_cb", reported.get(0).message());
        assertEquals("handler failed", reported.get(0).exception().getMessage());
    }

    @Test
    void waitClosedWaitsForClientsAndCloseClientsClosesThem() {
        List<String> got = Asyncio.run(() -> {
            List<StreamWriter> writers = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                writers.add(w);
                Asyncio.await(r.read(-1));
            }, "127.0.0.1", 0));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            while (writers.isEmpty()) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            server.close();
            Future<Void> closed = server.waitClosed();
            Asyncio.await(Asyncio.sleep(0.01));
            List<String> out = new ArrayList<>();
            out.add("closed before clients left: " + closed.isDone());
            server.closeClients();
            Asyncio.await(closed);
            out.add("client saw eof: '" + s(Asyncio.await(c.reader().read(-1))) + "'");
            out.add("server writer closing: " + writers.get(0).isClosing());
            Asyncio.await(server.waitClosed());
            c.writer().close();
            return out;
        });
        assertEquals(List.of("closed before clients left: false", "client saw eof: ''",
                "server writer closing: true"), got);
    }

    @Test
    void abortClientsDropsTheirConnections() {
        String got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.await(r.read(-1)),
                    "127.0.0.1", 0));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().write(b("x"));
            Asyncio.await(Asyncio.sleep(0.01));
            server.abortClients();
            server.close();
            Asyncio.await(server.waitClosed());
            byte[] rest = Asyncio.await(c.reader().read(-1));
            c.writer().close();
            return "eof after abort: " + rest.length;
        });
        assertEquals("eof after abort: 0", got);
    }

    @Test
    void serveForeverEndsCancelledAndClosesTheServer() {
        List<String> got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0));
            Task<Void> serving = Asyncio.createTask(() -> Asyncio.await(server.serveForever()));
            Asyncio.await(Asyncio.sleep(0));
            Future<Void> again = server.serveForever();
            List<String> out = new ArrayList<>();
            try {
                Asyncio.await(again);
            } catch (IllegalStateException e) {
                out.add(e.getMessage().contains("already being awaited") ? "second refused" : e.getMessage());
            }
            serving.cancel();
            try {
                Asyncio.await(serving);
            } catch (CancelledError e) {
                out.add("cancelled");
            }
            out.add("serving: " + server.isServing());
            try {
                Asyncio.await(server.serveForever());
            } catch (IllegalStateException e) {
                out.add(e.getMessage().contains("is closed") ? "closed refused" : e.getMessage());
            }
            return out;
        });
        assertEquals(List.of("second refused", "cancelled", "serving: false", "closed refused"), got);
    }

    @Test
    void bindingATakenPortFails() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Asyncio.run(() -> {
            Server first = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0));
            try {
                return Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", port(first)));
            } finally {
                first.close();
            }
        }));
        assertInstanceOf(java.net.BindException.class, e.getCause());
    }

    @Test
    void writeAfterCloseIsIgnoredAndWriteAfterEofRefused() {
        Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().writeEof();
            assertThrows(IllegalStateException.class, () -> c.writer().write(b("late")));
            c.writer().close();
            assertTrue(c.writer().isClosing());
            Asyncio.await(c.writer().waitClosed());
            server.close();
            return null;
        });
        Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().close();
            Asyncio.await(c.writer().waitClosed());
            c.writer().write(b("ignored"));
            c.writer().write(b("ignored"));
            server.close();
            return null;
        });
    }

    @Test
    void cancellingAPendingConnectEndsItCancelled() {
        String got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0));
            Future<Connection> f = Asyncio.openConnection("127.0.0.1", port(server));
            assertTrue(f.cancel());
            String out;
            try {
                Asyncio.await(f);
                out = "connected";
            } catch (CancelledError e) {
                out = "cancelled";
            }
            // the server still serves others
            Connection c = Asyncio.await(Asyncio.waitFor(Asyncio.openConnection("127.0.0.1", port(server)), 10.0));
            c.writer().write(b("x\n"));
            out += " then " + s(Asyncio.await(c.reader().readLine())).trim();
            c.writer().close();
            server.close();
            return out;
        });
        assertEquals("cancelled then x", got);
    }

    @Test
    void oneThousandConcurrentJavaHandlersEveryByteAccountedFor() {
        assumeTrue(Runtime.version().feature() >= 21, "Java handlers at this scale need virtual threads (JDK 21+)");
        int clients = 1000;
        int rounds = 5;
        long[] totals = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(ECHO, "127.0.0.1", 0,
                    StreamOptions.defaults().withBacklog(1024)));
            List<Future<Endpoint<CountingClient>>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                connecting.add(Asyncio.getRunningLoop().createConnection(() -> new CountingClient(id, rounds),
                        "127.0.0.1", port(server), StreamOptions.defaults()));
            }
            long sent = 0;
            long received = 0;
            for (Future<Endpoint<CountingClient>> f : connecting) {
                CountingClient client = Asyncio.await(f).protocol();
                Asyncio.await(client.done);
                sent += client.sent;
                received += client.received;
                assertEquals(client.expected.toString(), client.got.toString(), "client " + client.id);
            }
            server.close();
            Asyncio.await(server.waitClosed());
            return new long[] {sent, received};
        });
        assertEquals(totals[0], totals[1]);
        assertTrue(totals[0] > 0);
    }

    /** A client protocol: sends its lines one after another, checks each echo, half-closes, waits for the end. */
    static final class CountingClient implements Protocol {
        final int id;
        final int rounds;
        final StringBuilder expected = new StringBuilder();
        final StringBuilder got = new StringBuilder();
        final Future<Void> done = Asyncio.getRunningLoop().createFuture();
        Transport transport;
        long sent;
        long received;
        int round;

        CountingClient(int id, int rounds) {
            this.id = id;
            this.rounds = rounds;
        }

        private void sendNext() {
            String line = "client " + id + " round " + round + "\n";
            expected.append(line);
            sent += line.length();
            transport.write(b(line));
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            sendNext();
        }

        @Override
        public void dataReceived(byte[] data) {
            received += data.length;
            got.append(s(data));
            if (got.length() == expected.length()) {
                round++;
                if (round < rounds) {
                    sendNext();
                } else {
                    transport.writeEof();
                }
            }
        }

        @Override
        public boolean eofReceived() {
            return false;
        }

        @Override
        public void connectionLost(Throwable error) {
            if (error != null) {
                done.setException(error);
            } else {
                done.setResult(null);
            }
        }
    }

    @Test
    void peerAddressOfAServerConnection() {
        String got = Asyncio.run(() -> {
            List<String> seen = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                seen.add(w.peerAddress().getAddress().getHostAddress() + " " + (w.localAddress().getPort()));
                w.close();
            }, "127.0.0.1", 0));
            int port = port(server);
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
            Asyncio.await(c.reader().read(-1));
            c.writer().close();
            server.close();
            Asyncio.await(server.waitClosed());
            return seen.get(0) + " / " + port;
        });
        String[] parts = got.split(" / ");
        assertEquals("127.0.0.1 " + parts[1], parts[0], "peer is loopback; local port is the server's");
    }

    @Test
    void plainSocketPeerReadsWhatTheServerWrites() throws Exception {
        // the server side against a blocking JDK client: bytes, half-close, end of file
        EventLoop loop = Asyncio.newEventLoop();
        try {
            CompletableFuture<Integer> portF = new CompletableFuture<>();
            CompletableFuture<String> clientSaw = new CompletableFuture<>();
            Thread client = new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", portF.get(30, TimeUnit.SECONDS)));
                    OutputStream out = s.getOutputStream();
                    out.write(b("ping\n"));
                    s.shutdownOutput();
                    InputStream in = s.getInputStream();
                    clientSaw.complete(new String(in.readAllBytes(), US_ASCII));
                } catch (Exception e) {
                    clientSaw.completeExceptionally(e);
                }
            });
            client.start();
            String serverSaw = loop.runUntilComplete(() -> {
                Future<String> line = Asyncio.getRunningLoop().createFuture();
                Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                    String got = s(Asyncio.await(r.read(-1)));
                    w.write(b("pong:" + got));
                    w.close();
                    line.setResult(got);
                }, "127.0.0.1", 0));
                portF.complete(port(server));
                String got = Asyncio.await(line);
                server.close();
                Asyncio.await(server.waitClosed());
                return got;
            });
            assertEquals("ping\n", serverSaw);
            assertEquals("pong:ping\n", clientSaw.get(30, TimeUnit.SECONDS));
            client.join();
        } finally {
            loop.close();
        }
    }
}
