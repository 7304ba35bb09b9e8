package dev.asyncio4j.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.ExceptionContext;
import dev.asyncio4j.Future;
import dev.asyncio4j.RecordingTransport;
import dev.asyncio4j.StreamReader;
import dev.asyncio4j.StreamWriter;
import dev.asyncio4j.Task;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CPython's test_streams: FlowControlMixin, StreamWriter and StreamReaderProtocol cases over a fake transport. */
class StreamWriterTest {
    private EventLoop loop;

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private static final class Proto extends FlowControlProtocol {
        Proto(EventLoop loop) {
            super(loop);
        }

        @Override
        public Future<Void> closeWaiter() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void multipleDrain() {
        // https://github.com/python/cpython/issues/74116
        int drained = loop.runUntilComplete(() -> {
            Proto stream = new Proto(Asyncio.getRunningLoop());
            stream.pauseWriting();
            Future<Void> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(null);
            Asyncio.getRunningLoop().callLater(0.01, stream::resumeWriting);
            List<Task<Void>> drainers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                drainers.add(Asyncio.createTask(() -> Asyncio.await(stream.drainHelper(done))));
            }
            Asyncio.await(Asyncio.gather(drainers));
            return (int) drainers.stream().filter(t -> t.isDone() && !t.isCancelled()).count();
        });
        assertEquals(10, drained);
    }

    @Test
    void pauseAndResumeMustAlternate() {
        Proto p = new Proto(loop);
        assertThrows(IllegalStateException.class, p::resumeWriting);
        p.pauseWriting();
        assertThrows(IllegalStateException.class, p::pauseWriting);
    }

    @Test
    void drainDoneAtOnceWhenNotPaused() {
        RecordingTransport t = new RecordingTransport();
        boolean done = loop.runUntilComplete(() -> {
            StreamProtocol p = new StreamProtocol(Asyncio.getRunningLoop(), new StreamReader(), null);
            p.connectionMade(t);
            StreamWriter w = new StreamWriterImpl(t, p, p.reader(), Asyncio.getRunningLoop());
            w.write("x".getBytes(US_ASCII));
            return w.drain().isDone();
        });
        assertTrue(done);
        assertEquals("x", t.text());
    }

    @Test
    void drainWaitsWhilePausedAndCancellingOneLeavesTheOthers() {
        RecordingTransport t = new RecordingTransport();
        List<String> events = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamProtocol p = new StreamProtocol(l, new StreamReader(), null);
            p.connectionMade(t);
            StreamWriter w = new StreamWriterImpl(t, p, p.reader(), l);
            p.pauseWriting();
            Future<Void> a = w.drain();
            Future<Void> b = w.drain();
            List<String> out = new ArrayList<>();
            out.add("a=" + a.isDone() + " b=" + b.isDone());
            a.cancel();
            p.resumeWriting();
            Asyncio.await(b);
            out.add("a=" + a.isCancelled() + " b=" + b.isDone());
            return out;
        });
        assertEquals(List.of("a=false b=false", "a=true b=true"), events);
    }

    @Test
    void drainFailsWithTheErrorTheConnectionWasLostWith() {
        RecordingTransport t = new RecordingTransport();
        UncheckedIOException reset = new UncheckedIOException(new SocketException("Connection reset"));
        Throwable e = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamProtocol p = new StreamProtocol(l, null, null);
            p.connectionMade(t);
            StreamWriter w = new StreamWriterImpl(t, p, null, l);
            p.pauseWriting();
            Future<Void> d = w.drain();
            p.connectionLost(reset);
            try {
                Asyncio.await(d);
                return null;
            } catch (UncheckedIOException x) {
                return x;
            }
        });
        assertSame(reset, e);
    }

    @Test
    void drainAfterCleanLossFailsWithConnectionLost() {
        RecordingTransport t = new RecordingTransport();
        Throwable e = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamProtocol p = new StreamProtocol(l, new StreamReader(), null);
            p.connectionMade(t);
            StreamWriter w = new StreamWriterImpl(t, p, p.reader(), l);
            t.closing = true;
            p.connectionLost(null);
            try {
                Asyncio.await(w.drain());
                return null;
            } catch (UncheckedIOException x) {
                return x;
            }
        });
        assertInstanceOf(SocketException.class, e.getCause());
        assertEquals("Connection lost", e.getCause().getMessage());
    }

    @Test
    void drainReportsTheReadersErrorFirst() {
        RecordingTransport t = new RecordingTransport();
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable e = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamReader r = new StreamReader();
            StreamProtocol p = new StreamProtocol(l, r, null);
            p.connectionMade(t);
            r.setException(boom);
            try {
                Asyncio.await(new StreamWriterImpl(t, p, r, l).drain());
                return null;
            } catch (IllegalStateException x) {
                return x;
            }
        });
        assertSame(boom, e);
    }

    @Test
    void drainOnAClosingTransportYieldsSoConnectionLostIsSeen() {
        // bpo-25441: write(); drain() in a loop on a socket closed by the peer must end with the error
        RecordingTransport t = new RecordingTransport();
        Throwable e = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamProtocol p = new StreamProtocol(l, new StreamReader(), null);
            p.connectionMade(t);
            StreamWriter w = new StreamWriterImpl(t, p, p.reader(), l);
            t.closing = true;
            l.callSoon(() -> p.connectionLost(new UncheckedIOException(new SocketException("Broken pipe"))));
            try {
                for (int i = 0; i < 100; i++) {
                    w.write(new byte[] {1});
                    Asyncio.await(w.drain());
                }
                return null;
            } catch (UncheckedIOException x) {
                return x;
            }
        });
        // as CPython: the drain after the loss raises ConnectionResetError('Connection lost')
        assertInstanceOf(SocketException.class, e.getCause());
        assertEquals("Connection lost", e.getCause().getMessage());
    }

    @Test
    void waitClosed() {
        RecordingTransport t = new RecordingTransport();
        List<Boolean> states = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamProtocol p = new StreamProtocol(l, new StreamReader(), null);
            p.connectionMade(t);
            StreamWriter w = new StreamWriterImpl(t, p, p.reader(), l);
            Future<Void> before = w.waitClosed();
            boolean early = before.isDone();
            w.close();
            p.connectionLost(null);
            Asyncio.await(before);
            Future<Void> after = w.waitClosed();
            return List.of(early, before.isDone(), after.isDone(), w.isClosing(), p.reader().atEof());
        });
        assertEquals(List.of(false, true, true, true, true), states);
        assertEquals(List.of("close"), t.calls);
    }

    @Test
    void waitClosedAfterALossWithAnError() {
        RecordingTransport t = new RecordingTransport();
        UncheckedIOException reset = new UncheckedIOException(new SocketException("Connection reset"));
        Throwable e = loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamProtocol p = new StreamProtocol(l, new StreamReader(), null);
            p.connectionMade(t);
            p.connectionLost(reset);
            try {
                Asyncio.await(new StreamWriterImpl(t, p, p.reader(), l).waitClosed());
                return null;
            } catch (UncheckedIOException x) {
                return x;
            }
        });
        assertSame(reset, e);
    }

    @Test
    void writeLinesChecksEveryElementFirst() {
        RecordingTransport t = new RecordingTransport();
        Proto p = new Proto(loop);
        StreamWriter w = new StreamWriterImpl(t, p, null, loop);
        assertThrows(NullPointerException.class, () -> w.writeLines(Arrays.asList("a".getBytes(US_ASCII), null)));
        assertEquals("", t.text());
        w.writeLines(List.of("a".getBytes(US_ASCII), "b".getBytes(US_ASCII)));
        assertEquals("ab", t.text());
        assertThrows(NullPointerException.class, () -> w.write(null));
    }

    @Test
    void serverProtocolStartsTheHandlerAndClosesWhenItFails() {
        RecordingTransport t = new RecordingTransport();
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
        List<Object> seen = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            StreamReader r = new StreamReader();
            StreamProtocol p = new StreamProtocol(l, r, (reader, writer) -> l.createTask(() -> {
                seen.add(reader);
                seen.add(writer.transport());
                throw new IllegalStateException("handler failed");
            }));
            p.connectionMade(t);
            assertSame(p.writer(), p.writer());
            Asyncio.await(Asyncio.sleep(0));
            Asyncio.await(Asyncio.sleep(0));
            Asyncio.await(Asyncio.sleep(0));
            assertSame(r, seen.get(0));
            return null;
        });
        assertSame(t, seen.get(1));
        assertEquals(1, reported.size());
        assertEquals("Unhandled exception in client_connected_cb", reported.get(0).message());
        assertEquals("handler failed", reported.get(0).exception().getMessage());
        assertEquals(List.of("close"), t.calls);
    }

    @Test
    void cancelledHandlerClosesTheConnectionWithoutAReport() {
        RecordingTransport t = new RecordingTransport();
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
        loop.runUntilComplete(() -> {
            EventLoop l = Asyncio.getRunningLoop();
            Task<?>[] task = new Task<?>[1];
            StreamProtocol p = new StreamProtocol(l, new StreamReader(), (reader, writer) -> {
                task[0] = l.createTask(() -> Asyncio.await(reader.readLine()));
                return task[0];
            });
            p.connectionMade(t);
            Asyncio.await(Asyncio.sleep(0));
            task[0].cancel();
            try {
                Asyncio.await(task[0]);
            } catch (CancelledError expected) {
                // as asked
            }
            Asyncio.await(Asyncio.sleep(0));
            return null;
        });
        assertTrue(reported.isEmpty(), reported.toString());
        assertEquals(List.of("close"), t.calls);
    }

    @Test
    void eofKeepsAPlainConnectionHalfOpen() {
        RecordingTransport t = new RecordingTransport();
        StreamReader r = new StreamReader();
        StreamProtocol p = new StreamProtocol(loop, r, null);
        p.connectionMade(t);
        p.dataReceived("tail".getBytes(US_ASCII));
        assertTrue(p.eofReceived());
        assertFalse(r.atEof());
        assertNull(p.writer());
    }
}
