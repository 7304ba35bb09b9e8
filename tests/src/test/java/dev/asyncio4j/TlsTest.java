package dev.asyncio4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS over the loop (CPython's test_sslproto and test_ssl stream cases where they apply): verification on by
 * default, SNI, handshake failure with an untrusted certificate or a wrong host name, the handshake timeout, a
 * clean close_notify, and bulk data with flow control.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    private static SelfSigned certs;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certs = SelfSigned.localhost();
    }

    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    static String s(byte[] bytes) {
        return new String(bytes, US_ASCII);
    }

    static int port(Server server) {
        return server.sockets().get(0).getPort();
    }

    private static Server tlsEcho(List<String> sni) {
        return Asyncio.await(Asyncio.startServer((r, w) -> {
            ExtendedSSLSession session = (ExtendedSSLSession) w.transport().sslSession();
            for (var name : session.getRequestedServerNames()) {
                sni.add(((SNIHostName) name).getAsciiName());
            }
            while (true) {
                byte[] line = Asyncio.await(r.readLine());
                if (line.length == 0) {
                    break;
                }
                w.write(line);
                Asyncio.await(w.drain());
            }
            w.close();
        }, "127.0.0.1", 0, StreamOptions.defaults().withSsl(certs.server)));
    }

    @Test
    void echoOverTlsWithSni() {
        List<String> sni = new ArrayList<>();
        List<String> got = Asyncio.run(() -> {
            Server server = tlsEcho(sni);
            Connection c = Asyncio.await(Asyncio.openConnection("localhost", port(server),
                    StreamOptions.defaults().withSsl(certs.client)));
            List<String> out = new ArrayList<>();
            c.writer().write(b("secret\n"));
            out.add(s(Asyncio.await(c.reader().readLine())));
            assertNotNull(c.writer().transport().sslSession());
            out.add(c.writer().transport().sslSession().getProtocol());
            assertFalse(c.writer().canWriteEof());
            assertThrows(UnsupportedOperationException.class, () -> c.writer().writeEof());
            c.writer().close();
            Asyncio.await(c.writer().waitClosed());
            server.close();
            Asyncio.await(server.waitClosed());
            return out;
        });
        assertEquals("secret\n", got.get(0));
        assertTrue(got.get(1).startsWith("TLS"), got.get(1));
        assertEquals(List.of("localhost"), sni);
    }

    @Test
    void ipAddressIsVerifiedAgainstTheCertificate() {
        String got = Asyncio.run(() -> {
            Server server = tlsEcho(new ArrayList<>());
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server),
                    StreamOptions.defaults().withSsl(certs.client)));
            c.writer().write(b("by ip\n"));
            String line = s(Asyncio.await(c.reader().readLine()));
            c.writer().close();
            server.close();
            return line;
        });
        assertEquals("by ip\n", got);
    }

    @Test
    void untrustedCertificateFailsTheHandshake() {
        List<ExceptionContext> reported = new ArrayList<>();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx));
            Server server = tlsEcho(new ArrayList<>());
            try {
                return Asyncio.await(Asyncio.openConnection("localhost", port(server),
                        StreamOptions.defaults().withSsl(SSLContext.getDefault())));
            } finally {
                server.close();
                Asyncio.await(server.waitClosed());
            }
        }));
        assertInstanceOf(SSLHandshakeException.class, e.getCause());
        assertTrue(reported.isEmpty(), reported.toString());
    }

    @Test
    void wrongHostNameFailsTheHandshake() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Asyncio.run(() -> {
            Server server = tlsEcho(new ArrayList<>());
            try {
                return Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server),
                        StreamOptions.defaults().withSsl(certs.client).withServerHostname("example.org")));
            } finally {
                server.close();
            }
        }));
        assertInstanceOf(SSLException.class, e.getCause());
        assertTrue(String.valueOf(e.getCause().getMessage()).contains("example.org")
                || String.valueOf(e.getCause().getCause()).contains("example.org"), e.getCause().toString());
    }

    @Test
    void emptyServerHostnameTurnsTheHostCheckOff() {
        String got = Asyncio.run(() -> {
            Server server = tlsEcho(new ArrayList<>());
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port(server),
                    StreamOptions.defaults().withSsl(certs.client).withServerHostname("")));
            c.writer().write(b("unchecked name\n"));
            String line = s(Asyncio.await(c.reader().readLine()));
            c.writer().close();
            server.close();
            return line;
        });
        assertEquals("unchecked name\n", got);
    }

    @Test
    void handshakeTimeout() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Asyncio.run(() -> {
            // a plain TCP server that never answers the ClientHello
            Server silent = Asyncio.await(Asyncio.startServer((r, w) -> Asyncio.await(r.read(-1)), "127.0.0.1", 0));
            try {
                return Asyncio.await(Asyncio.openConnection("localhost", port(silent),
                        StreamOptions.defaults().withSsl(certs.client).withSslHandshakeTimeout(0.2)));
            } finally {
                silent.close();
                silent.closeClients();
            }
        }));
        assertTrue(e.getCause().getMessage().contains("SSL handshake is taking longer than 0.2 seconds"),
                e.getCause().getMessage());
    }

    @Test
    void cleanCloseNotifyBothWays() {
        List<String> got = Asyncio.run(() -> {
            List<String> out = new ArrayList<>();
            Future<Void> serverSaw = Asyncio.getRunningLoop().createFuture();
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                out.add("server read: " + s(Asyncio.await(r.read(-1))));
                w.close();
                try {
                    Asyncio.await(w.waitClosed());
                    out.add("server closed cleanly");
                } catch (UncheckedIOException e) {
                    out.add("server closed with " + e.getCause());
                }
                serverSaw.setResult(null);
            }, "127.0.0.1", 0, StreamOptions.defaults().withSsl(certs.server)));
            Connection c = Asyncio.await(Asyncio.openConnection("localhost", port(server),
                    StreamOptions.defaults().withSsl(certs.client)));
            c.writer().write(b("bye"));
            c.writer().close();
            try {
                Asyncio.await(c.writer().waitClosed());
                out.add("client closed cleanly");
            } catch (UncheckedIOException e) {
                out.add("client closed with " + e.getCause());
            }
            Asyncio.await(serverSaw);
            server.close();
            Asyncio.await(server.waitClosed());
            return out;
        });
        assertTrue(got.contains("server read: bye"), got.toString());
        assertTrue(got.contains("server closed cleanly"), got.toString());
        assertTrue(got.contains("client closed cleanly"), got.toString());
    }

    @Test
    void bulkDataWithDrain() {
        long[] got = Asyncio.run(() -> {
            long[] serverGot = {0};
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                while (true) {
                    byte[] chunk = Asyncio.await(r.read(1 << 16));
                    if (chunk.length == 0) {
                        break;
                    }
                    serverGot[0] += chunk.length;
                    w.write(chunk);
                    Asyncio.await(w.drain());
                }
                w.close();
            }, "127.0.0.1", 0, StreamOptions.defaults().withSsl(certs.server)));
            Connection c = Asyncio.await(Asyncio.openConnection("localhost", port(server),
                    StreamOptions.defaults().withSsl(certs.client)));
            Task<Long> reader = Asyncio.createTask(() -> {
                long n = 0;
                while (n < 4L << 20) {
                    byte[] chunk = Asyncio.await(c.reader().read(1 << 16));
                    if (chunk.length == 0) {
                        break;
                    }
                    n += chunk.length;
                }
                return n;
            });
            byte[] block = new byte[100_000];
            long sent = 0;
            while (sent < 4L << 20) {
                int n = (int) Math.min(block.length, (4L << 20) - sent);
                c.writer().write(n == block.length ? block : java.util.Arrays.copyOf(block, n));
                sent += n;
                Asyncio.await(c.writer().drain());
            }
            long echoed = Asyncio.await(reader);
            c.writer().close();
            server.close();
            return new long[] {sent, serverGot[0], echoed};
        });
        assertEquals(4L << 20, got[0]);
        assertEquals(got[0], got[2]);
    }

    // ------------------------------------------------------------------ on a TestLoop (virtual time, issue 14)

    /** A TLS server outside the loop (a plain thread) that answers one line with "hi", after a real 50 ms. */
    private static Thread outsideTlsServer(javax.net.ssl.SSLServerSocket listening) {
        Thread t = new Thread(() -> {
            try (java.net.Socket client = listening.accept()) {
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), US_ASCII));
                in.readLine();
                Thread.sleep(50);
                client.getOutputStream().write(b("hi\n"));
                client.getOutputStream().flush();
                in.read(); // until the client closes
            } catch (java.io.IOException | InterruptedException e) {
                // the test reports what went wrong
            }
        }, "outside-tls-server");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void onATestLoopAClientHandshakeWithAPeerOutsideIsWaitedFor() throws Exception {
        try (javax.net.ssl.SSLServerSocket listening = (javax.net.ssl.SSLServerSocket) certs.server.getServerSocketFactory()
                .createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = outsideTlsServer(listening);
            double[] at = Asyncio.run(() -> {
                // The connect and its handshake are outside work: the 5 s timeouts must not fire in virtual time.
                Connection c = Asyncio.await(Asyncio.waitFor(Asyncio.openConnection("localhost",
                        listening.getLocalPort(), StreamOptions.defaults().withSsl(certs.client)), 5));
                double connected = Asyncio.getRunningLoop().time();
                c.writer().write(b("hello\n"));
                assertEquals("hi\n", s(Asyncio.await(Asyncio.waitFor(c.reader().readLine(), 5))));
                c.writer().close();
                return new double[] {connected, Asyncio.getRunningLoop().time()};
            }, dev.asyncio4j.test.TestLoop::create);
            server.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(0.0, at[0]);
            assertEquals(0.0, at[1]);
        }
    }

    @Test
    void onATestLoopTheHandshakeOfAClientOutsideIsWaitedFor() throws Exception {
        Object[] answer = new Object[1];
        Thread[] client = new Thread[1];
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        double at = Asyncio.run(() -> {
            Future<String> got = Asyncio.getRunningLoop().createFuture();
            Server server = Asyncio.await(Asyncio.startServer((r, w) -> {
                String line = s(Asyncio.await(r.readLine()));
                if (!got.isDone()) got.setResult(line);
                w.write(b("ok\n"));
                Asyncio.await(w.drain());
                w.close();
            }, "127.0.0.1", 0, StreamOptions.defaults().withSsl(certs.server)));
            int port = port(server);
            client[0] = new Thread(() -> {
                try (java.net.Socket s = certs.client.getSocketFactory().createSocket("localhost", port)) {
                    connected.countDown();
                    Thread.sleep(50);
                    s.getOutputStream().write(b("from outside\n"));
                    s.getOutputStream().flush();
                    answer[0] = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), US_ASCII)).readLine();
                } catch (Exception e) {
                    answer[0] = e;
                }
            }, "outside-tls-client");
            client[0].start();
            // Once the client is connected (the kernel accepted it), the loop accepts it before its clock can jump.
            assertTrue(Asyncio.await(Asyncio.toThread(() -> connected.await(30, TimeUnit.SECONDS))));
            // The server's handshake and its read wait for a peer outside: the 5 s timeout must not fire at once.
            assertEquals("from outside\n", Asyncio.await(Asyncio.waitFor(got, 5)));
            double t = Asyncio.getRunningLoop().time();
            server.close();
            Asyncio.await(server.waitClosed());
            return t;
        }, dev.asyncio4j.test.TestLoop::create);
        client[0].join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("ok", answer[0]);
        assertEquals(0.0, at);
    }
}
