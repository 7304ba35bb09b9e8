package dev.asyncio4j.test;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Connection;
import dev.asyncio4j.Server;
import dev.asyncio4j.Stdio;
import dev.asyncio4j.Subprocess;
import dev.asyncio4j.SubprocessOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Open I/O on a TestLoop (issue 14, item 3): what waits for a peer outside the loop is outside work, so autojump
 * waits for it in real time instead of jumping the clock over it (a {@code waitFor} timeout would fire at once in
 * virtual time); a peer on the same loop and a server merely listening do not stop the clock.
 */
class TestLoopIoTest {
    /** A server outside the loop (a plain thread) that accepts one client, then answers after a real 50 ms. */
    private static final class SlowPeer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread thread;

        SlowPeer(String answer) throws IOException {
            thread = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    Thread.sleep(50);
                    OutputStream out = client.getOutputStream();
                    out.write(answer.getBytes(US_ASCII));
                    out.flush();
                    // Wait for the client to close, so the line is not raced by a reset.
                    client.getInputStream().read();
                } catch (IOException | InterruptedException e) {
                    // the test failed elsewhere; the socket closes
                }
            }, "slow-peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aReadFromAPeerOutsideTheLoopIsWaitedFor(TestLoop loop) throws Exception {
        try (SlowPeer peer = new SlowPeer("hello\n")) {
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", peer.port()));
            // Before: TimeoutError at virtual +30 s, at once.
            byte[] line = Asyncio.await(Asyncio.waitFor(c.reader().readLine(), 30));
            assertEquals("hello\n", new String(line, US_ASCII));
            assertEquals(0.0, loop.time());
            c.writer().close();
            Asyncio.await(c.writer().waitClosed());
        }
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aPeerOnTheSameLoopLetsTheClockRun(TestLoop loop) throws Exception {
        // The server is a Task of this loop that answers after a virtual 10 s: the client's read must not stop the
        // clock the server's sleep needs.
        Server server = Asyncio.await(Asyncio.startServer((reader, writer) -> {
            byte[] request = Asyncio.await(reader.readLine());
            Asyncio.await(Asyncio.sleep(10));
            writer.write(request);
            Asyncio.await(writer.drain());
            writer.close();
        }, "127.0.0.1", 0));
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", server.sockets().get(0).getPort()));
        c.writer().write("ping\n".getBytes(US_ASCII));
        byte[] line = Asyncio.await(Asyncio.waitFor(c.reader().readLine(), 30));
        assertEquals("ping\n", new String(line, US_ASCII));
        assertEquals(10.0, loop.time());
        c.writer().close();
        server.close();
        Asyncio.await(server.waitClosed());
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aListeningServerDoesNotStopTheClock(TestLoop loop) throws Exception {
        // CPython's and kotlinx's answer too: a server waiting for clients is no work in progress.
        Server server = Asyncio.await(Asyncio.startServer((reader, writer) -> writer.close(), "127.0.0.1", 0));
        Asyncio.await(Asyncio.sleep(3600));
        assertEquals(3600.0, loop.time());
        server.close();
        Asyncio.await(server.waitClosed());
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aConnectionSittingIdleDoesNotStopTheClock(TestLoop loop) throws Exception {
        // Only a read that waits counts: an open connection nobody reads from is no outside work.
        try (SlowPeer peer = new SlowPeer("late\n")) {
            Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", peer.port()));
            Asyncio.await(Asyncio.sleep(3600));
            assertEquals(3600.0, loop.time());
            assertEquals("late\n", new String(Asyncio.await(c.reader().readLine()), US_ASCII));
            c.writer().close();
            Asyncio.await(c.writer().waitClosed());
        }
    }

    @AsyncioTest(timeoutSeconds = 30)
    void aSubprocessAndItsPipesAreWaitedFor(TestLoop loop) throws Exception {
        Subprocess p = Asyncio.await(Asyncio.createSubprocessExec(List.of("sh", "-c", "sleep 0.1; echo done"),
                SubprocessOptions.defaults()
                        .withStdin(Stdio.DEVNULL).withStdout(Stdio.PIPE).withStderr(Stdio.DEVNULL)));
        byte[] line = Asyncio.await(Asyncio.waitFor(p.stdout().readLine(), 30));
        assertEquals("done\n", new String(line, US_ASCII));
        assertEquals(0, Asyncio.await(Asyncio.waitFor(p.waitFor(), 30)));
        assertEquals(0.0, loop.time());
    }
}
