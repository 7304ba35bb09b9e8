package dev.asyncio4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Protocols and transports over loopback (CPython's test_selector_events transport cases and test_events'
 * protocol-order checks, over real sockets): callback order, half-close, read pausing, write buffering with water
 * marks, abort, close flushing, failing callbacks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransportTest {
    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    static int port(Server server) {
        return server.sockets().get(0).getPort();
    }

    /** Records every callback, as CPython's MyProto does with its state machine. */
    static class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final StringBuilder data = new StringBuilder();
        final Future<Throwable> lost = Asyncio.getRunningLoop().createFuture();
        Transport transport;
        boolean keepOpenOnEof;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] bytes) {
            if (!events.get(events.size() - 1).equals("data")) {
                events.add("data");
            }
            data.append(new String(bytes, US_ASCII));
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return keepOpenOnEof;
        }

        @Override
        public void connectionLost(Throwable error) {
            events.add("lost");
            lost.setResult(error);
        }

        @Override
        public void pauseWriting() {
            events.add("pauseWriting");
        }

        @Override
        public void resumeWriting() {
            events.add("resumeWriting");
        }
    }

    @Test
    void callbackOrderOnBothSides() {
        List<List<String>> got = Asyncio.run(() -> {
            List<Recorder> servers = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> {
                Recorder r = new Recorder();
                servers.add(r);
                return r;
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Endpoint<Recorder> ep = Asyncio.await(Asyncio.getRunningLoop().createConnection(Recorder::new,
                    "127.0.0.1", port(server), StreamOptions.defaults()));
            assertEquals(List.of("made"), ep.protocol().events, "connectionMade before the Future is done");
            ep.transport().write(b("abc"));
            ep.transport().writeEof();
            ep.transport().writeEof(); // no-op
            assertThrows(IllegalStateException.class, () -> ep.transport().write(b("x")));
            assertNull(Asyncio.await(servers.isEmpty() ? waitFor(servers) : servers.get(0).lost));
            Recorder s = servers.get(0);
            assertNull(Asyncio.await(ep.protocol().lost));
            assertEquals("abc", s.data.toString());
            server.close();
            return List.of(s.events, ep.protocol().events);
        });
        assertEquals(List.of("made", "data", "eof", "lost"), got.get(0));
        assertEquals(List.of("made", "eof", "lost"), got.get(1));
    }

    private static Future<Throwable> waitFor(List<Recorder> servers) {
        Future<Throwable> f = Asyncio.getRunningLoop().createFuture();
        Asyncio.createTask(() -> {
            while (servers.isEmpty()) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            f.setResult(Asyncio.await(servers.get(0).lost));
            return null;
        });
        return f;
    }

    @Test
    void eofReceivedReturningTrueKeepsTheTransportHalfOpen() {
        String got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> new Recorder() {
                @Override
                public boolean eofReceived() {
                    super.eofReceived();
                    transport.write(b("reply after eof to '" + data + "'"));
                    transport.close();
                    return true;
                }
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().write(b("question"));
            c.writer().writeEof();
            String reply = new String(Asyncio.await(c.reader().read(-1)), US_ASCII);
            c.writer().close();
            server.close();
            return reply;
        });
        assertEquals("reply after eof to 'question'", got);
    }

    @Test
    void pauseAndResumeReading() {
        List<String> got = Asyncio.run(() -> {
            List<Recorder> servers = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> {
                Recorder r = new Recorder() {
                    @Override
                    public void connectionMade(Transport t) {
                        super.connectionMade(t);
                        t.pauseReading();
                    }
                };
                servers.add(r);
                return r;
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().write(b("held back"));
            Asyncio.await(c.writer().drain());
            while (servers.isEmpty()) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            Recorder s = servers.get(0);
            Asyncio.await(Asyncio.sleep(0.05));
            List<String> out = new ArrayList<>();
            out.add("while paused: '" + s.data + "' reading=" + s.transport.isReading());
            s.transport.resumeReading();
            s.transport.resumeReading(); // no-op
            while (s.data.length() < 9) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            out.add("resumed: '" + s.data + "' reading=" + s.transport.isReading());
            c.writer().close();
            Asyncio.await(s.lost);
            out.add("closed reading=" + s.transport.isReading());
            server.close();
            return out;
        });
        assertEquals(List.of("while paused: '' reading=false", "resumed: 'held back' reading=true",
                "closed reading=false"), got);
    }

    @Test
    void writeBufferWaterMarksPauseAndResumeTheProtocol() {
        List<String> got = Asyncio.run(() -> {
            List<Recorder> servers = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> {
                Recorder r = new Recorder() {
                    @Override
                    public void connectionMade(Transport t) {
                        super.connectionMade(t);
                        t.pauseReading();
                    }
                };
                servers.add(r);
                return r;
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Endpoint<Recorder> ep = Asyncio.await(Asyncio.getRunningLoop().createConnection(Recorder::new,
                    "127.0.0.1", port(server), StreamOptions.defaults()));
            Transport t = ep.transport();
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, 20));
            assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(10, -1));
            byte[] chunk = new byte[32 * 1024];
            long sent = 0;
            while (!ep.protocol().events.contains("pauseWriting")) {
                t.write(chunk);
                sent += chunk.length;
                Asyncio.await(Asyncio.sleep(0));
            }
            List<String> out = new ArrayList<>();
            out.add("paused above high: " + (t.getWriteBufferSize() > 64 * 1024));
            while (servers.isEmpty()) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            Recorder s = servers.get(0);
            s.transport.resumeReading();
            while (!ep.protocol().events.contains("resumeWriting")) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            out.add("resumed at or below low: " + (t.getWriteBufferSize() <= 16 * 1024));
            while (s.data.length() < sent) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            out.add("all bytes: " + (s.data.length() == sent));
            t.close();
            Asyncio.await(ep.protocol().lost);
            out.add(String.join(",", ep.protocol().events));
            server.close();
            return out;
        });
        assertEquals(List.of("paused above high: true", "resumed at or below low: true", "all bytes: true",
                "made,pauseWriting,resumeWriting,lost"), got);
    }

    @Test
    void lowerLimitsPauseAtOnce() {
        List<String> got = Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> new Recorder() {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    t.pauseReading();
                }
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Endpoint<Recorder> ep = Asyncio.await(Asyncio.getRunningLoop().createConnection(Recorder::new,
                    "127.0.0.1", port(server), StreamOptions.defaults()));
            Transport t = ep.transport();
            byte[] chunk = new byte[256 * 1024];
            while (t.getWriteBufferSize() == 0) {
                t.write(chunk);
                Asyncio.await(Asyncio.sleep(0));
            }
            List<String> out = new ArrayList<>();
            if (!ep.protocol().events.contains("pauseWriting")) {
                t.setWriteBufferLimits(1, 0);
            }
            out.add(String.join(",", ep.protocol().events));
            t.abort();
            out.add("buffer after abort: " + t.getWriteBufferSize() + " closing=" + t.isClosing());
            out.add("lost with: " + Asyncio.await(ep.protocol().lost));
            t.write(chunk); // ignored after the loss
            t.close();      // idempotent
            out.add(String.join(",", ep.protocol().events));
            server.close();
            server.abortClients();
            return out;
        });
        assertEquals(List.of("made,pauseWriting", "buffer after abort: 0 closing=true", "lost with: null",
                "made,pauseWriting,lost"), got);
    }

    @Test
    void closeFlushesTheBufferFirst() {
        long got = Asyncio.run(() -> {
            List<Recorder> servers = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> {
                Recorder r = new Recorder();
                servers.add(r);
                return r;
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Endpoint<Recorder> ep = Asyncio.await(Asyncio.getRunningLoop().createConnection(Recorder::new,
                    "127.0.0.1", port(server), StreamOptions.defaults()));
            byte[] mb = new byte[1 << 20];
            java.util.Arrays.fill(mb, (byte) 'x');
            ep.transport().write(mb);
            ep.transport().write(mb);
            ep.transport().close();
            assertTrue(ep.transport().isClosing());
            assertFalse(ep.transport().isReading());
            Asyncio.await(ep.protocol().lost);
            Throwable serverError = Asyncio.await(waitFor(servers));
            assertNull(serverError);
            server.close();
            return servers.get(0).data.length();
        });
        assertEquals(2L << 20, got);
    }

    @Test
    void failingDataReceivedIsReportedAndAbortsWithTheError() {
        List<ExceptionContext> reported = new ArrayList<>();
        Throwable lostWith = Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx));
            List<Recorder> servers = new ArrayList<>();
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> {
                Recorder r = new Recorder() {
                    @Override
                    public void dataReceived(byte[] bytes) {
                        throw new IllegalStateException("protocol bug");
                    }
                };
                servers.add(r);
                return r;
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            c.writer().write(b("trigger"));
            Throwable e = Asyncio.await(waitFor(servers));
            Asyncio.await(c.reader().read(-1));
            c.writer().close();
            server.close();
            return e;
        });
        assertEquals("protocol bug", lostWith.getMessage());
        assertEquals(1, reported.size());
        assertTrue(reported.get(0).message().startsWith("Fatal error: protocol.data_received() call failed."),
                reported.get(0).message());
    }

    @Test
    void failingProtocolFactoryIsReportedAndTheServerKeepsServing() {
        List<ExceptionContext> reported = new ArrayList<>();
        String got = Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx));
            int[] calls = {0};
            Server server = Asyncio.await(Asyncio.getRunningLoop().createServer(() -> {
                if (calls[0]++ == 0) {
                    throw new IllegalStateException("factory failed");
                }
                return new Recorder() {
                    @Override
                    public void connectionMade(Transport t) {
                        super.connectionMade(t);
                        t.write(b("welcome"));
                        t.close();
                    }
                };
            }, "127.0.0.1", 0, StreamOptions.defaults()));
            Connection first = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            byte[] nothing = Asyncio.await(first.reader().read(-1));
            Connection second = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server)));
            String welcome = new String(Asyncio.await(second.reader().read(-1)), US_ASCII);
            first.writer().close();
            second.writer().close();
            server.close();
            return nothing.length + " " + welcome;
        });
        assertEquals("0 welcome", got);
        assertEquals(1, reported.size());
        assertEquals("factory failed", reported.get(0).exception().getMessage());
    }
}
