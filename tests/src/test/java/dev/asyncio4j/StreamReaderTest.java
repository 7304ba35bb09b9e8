package dev.asyncio4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CPython's test_streams: the StreamReader cases (fed by hand), ported; plus cancellation and bad input. */
class StreamReaderTest {
    private static final byte[] DATA = b("line1\nline2\nline3\n");

    private EventLoop loop;

    @BeforeEach
    void setUp() {
        loop = Asyncio.newEventLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    static String s(byte[] bytes) {
        return new String(bytes, US_ASCII);
    }

    private <T> T run(Coroutine<T> body) {
        return loop.runUntilComplete(body);
    }

    /** Python's {@code loop.run_until_complete(stream.readline())}: the read starts inside the loop. */
    private byte[] await(java.util.function.Supplier<Future<byte[]>> read) {
        return run(() -> Asyncio.await(read.get()));
    }

    private void runBriefly() {
        run(() -> {
            Asyncio.await(Asyncio.sleep(0));
            return null;
        });
    }

    @Test
    void feedEmptyData() {
        StreamReader stream = new StreamReader();
        stream.feedData(b(""));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void feedNonemptyData() {
        StreamReader stream = new StreamReader();
        stream.feedData(DATA);
        assertArrayEquals(DATA, stream.buffered());
    }

    @Test
    void feedDataCopiesTheArray() {
        StreamReader stream = new StreamReader();
        byte[] data = b("abc");
        stream.feedData(data);
        data[0] = 'X';
        assertEquals("abc", s(stream.buffered()));
    }

    @Test
    void readZero() {
        StreamReader stream = new StreamReader();
        stream.feedData(DATA);
        assertEquals("", s(await(() -> stream.read(0))));
        assertArrayEquals(DATA, stream.buffered());
    }

    @Test
    void read() {
        StreamReader stream = new StreamReader();
        byte[] data = run(() -> {
            Task<byte[]> readTask = Asyncio.createTask(() -> Asyncio.await(stream.read(30)));
            Asyncio.getRunningLoop().callSoon(() -> stream.feedData(DATA));
            return Asyncio.await(readTask);
        });
        assertArrayEquals(DATA, data);
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readLineBreaks() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("line1"));
        stream.feedData(b("line2"));
        assertEquals("line1", s(await(() -> stream.read(5))));
        assertEquals("line2", s(stream.buffered()));
    }

    @Test
    void readEof() {
        StreamReader stream = new StreamReader();
        byte[] data = run(() -> {
            Task<byte[]> readTask = Asyncio.createTask(() -> Asyncio.await(stream.read(1024)));
            Asyncio.getRunningLoop().callSoon(stream::feedEof);
            return Asyncio.await(readTask);
        });
        assertEquals("", s(data));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readUntilEof() {
        StreamReader stream = new StreamReader();
        byte[] data = run(() -> {
            Task<byte[]> readTask = Asyncio.createTask(() -> Asyncio.await(stream.read(-1)));
            Asyncio.getRunningLoop().callSoon(() -> {
                stream.feedData(b("chunk1\n"));
                stream.feedData(b("chunk2"));
                stream.feedEof();
            });
            return Asyncio.await(readTask);
        });
        assertEquals("chunk1\nchunk2", s(data));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readAllIsNotLimitedByTheLimit() {
        StreamReader stream = new StreamReader(3);
        stream.feedData(b("0123456789"));
        stream.feedEof();
        assertEquals("0123456789", s(await(() -> stream.read(-1))));
        assertTrue(stream.atEof());
    }

    @Test
    void readException() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("line\n"));
        assertEquals("li", s(await(() -> stream.read(2))));
        stream.setException(new IllegalArgumentException());
        assertThrows(IllegalArgumentException.class, () -> await(() -> stream.read(2)));
    }

    @Test
    void invalidLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
        assertTrue(e.getMessage().contains("imit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
        assertTrue(e.getMessage().contains("imit"), e.getMessage());
    }

    @Test
    void readLimit() {
        StreamReader stream = new StreamReader(3);
        stream.feedData(b("chunk"));
        assertEquals("chunk", s(await(() -> stream.read(5))));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readline() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("chunk1 "));
        byte[] line = run(() -> {
            Task<byte[]> readTask = Asyncio.createTask(() -> Asyncio.await(stream.readLine()));
            Asyncio.getRunningLoop().callSoon(() -> {
                stream.feedData(b("chunk2 "));
                stream.feedData(b("chunk3 "));
                stream.feedData(b("\n chunk4"));
            });
            return Asyncio.await(readTask);
        });
        assertEquals("chunk1 chunk2 chunk3 \n", s(line));
        assertEquals(" chunk4", s(stream.buffered()));
    }

    @Test
    void readlineLimitWithExistingData() {
        StreamReader stream = new StreamReader(3);
        stream.feedData(b("li"));
        stream.feedData(b("ne1\nline2\n"));
        assertThrows(IllegalArgumentException.class, () -> await(stream::readLine));
        assertEquals("line2\n", s(stream.buffered()));

        StreamReader stream2 = new StreamReader(3);
        stream2.feedData(b("li"));
        stream2.feedData(b("ne1"));
        stream2.feedData(b("li"));
        assertThrows(IllegalArgumentException.class, () -> await(stream2::readLine));
        assertEquals("", s(stream2.buffered()));
    }

    @Test
    void atEof() {
        StreamReader stream = new StreamReader();
        assertFalse(stream.atEof());
        stream.feedData(b("some data\n"));
        assertFalse(stream.atEof());
        await(stream::readLine);
        assertFalse(stream.atEof());
        stream.feedData(b("some data\n"));
        stream.feedEof();
        await(stream::readLine);
        assertTrue(stream.atEof());
    }

    @Test
    void readlineLimit() {
        StreamReader stream = new StreamReader(7);
        assertThrows(IllegalArgumentException.class, () -> run(() -> {
            Asyncio.getRunningLoop().callSoon(() -> {
                stream.feedData(b("chunk1"));
                stream.feedData(b("chunk2"));
                stream.feedData(b("chunk3\n"));
                stream.feedEof();
            });
            return Asyncio.await(stream.readLine());
        }));
        assertEquals("", s(stream.buffered()));

        StreamReader stream2 = new StreamReader(7);
        assertThrows(IllegalArgumentException.class, () -> run(() -> {
            Asyncio.getRunningLoop().callSoon(() -> {
                stream2.feedData(b("chunk1"));
                stream2.feedData(b("chunk2\n"));
                stream2.feedData(b("chunk3\n"));
                stream2.feedEof();
            });
            return Asyncio.await(stream2.readLine());
        }));
        assertEquals("chunk3\n", s(stream2.buffered()));

        // the limit is strict
        StreamReader stream3 = new StreamReader(7);
        stream3.feedData(b("1234567\n"));
        assertEquals("1234567\n", s(await(stream3::readLine)));
        assertEquals("", s(stream3.buffered()));

        stream3.feedData(b("12345678\n"));
        assertThrows(IllegalArgumentException.class, () -> await(stream3::readLine));
        assertEquals("", s(stream3.buffered()));

        stream3.feedData(b("12345678"));
        assertThrows(IllegalArgumentException.class, () -> await(stream3::readLine));
        assertEquals("", s(stream3.buffered()));
    }

    @Test
    void readlineNolimitNowait() {
        StreamReader stream = new StreamReader();
        stream.feedData(java.util.Arrays.copyOfRange(DATA, 0, 6));
        stream.feedData(java.util.Arrays.copyOfRange(DATA, 6, DATA.length));
        assertEquals("line1\n", s(await(stream::readLine)));
        assertEquals("line2\nline3\n", s(stream.buffered()));
    }

    @Test
    void readlineEof() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("some data"));
        stream.feedEof();
        assertEquals("some data", s(await(stream::readLine)));
    }

    @Test
    void readlineEmptyEof() {
        StreamReader stream = new StreamReader();
        stream.feedEof();
        assertEquals("", s(await(stream::readLine)));
    }

    @Test
    void readlineReadByteCount() {
        StreamReader stream = new StreamReader();
        stream.feedData(DATA);
        await(stream::readLine);
        assertEquals("line2\nl", s(await(() -> stream.read(7))));
        assertEquals("ine3\n", s(stream.buffered()));
    }

    @Test
    void readlineException() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("line\n"));
        assertEquals("line\n", s(await(stream::readLine)));
        stream.setException(new IllegalStateException());
        assertThrows(IllegalStateException.class, () -> await(stream::readLine));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readuntilSeparator() {
        StreamReader stream = new StreamReader();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stream.readUntil(b("")));
        assertTrue(e.getMessage().startsWith("Separator should be"), e.getMessage());
        assertThrows(NullPointerException.class, () -> stream.readUntil(null));
    }

    @Test
    void readuntilMultiChunks() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("lineAAA"));
        assertEquals("lineAAA", s(await(() -> stream.readUntil(b("AAA")))));
        assertEquals("", s(stream.buffered()));

        stream.feedData(b("lineAAA"));
        assertEquals("lineAAA", s(await(() -> stream.readUntil(b("AAA")))));
        assertEquals("", s(stream.buffered()));

        stream.feedData(b("lineAAAxxx"));
        assertEquals("lineAAA", s(await(() -> stream.readUntil(b("AAA")))));
        assertEquals("xxx", s(stream.buffered()));
    }

    @Test
    void readuntilMultiChunks1() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("QWEaa"));
        stream.feedData(b("XYaa"));
        stream.feedData(b("a"));
        assertEquals("QWEaaXYaaa", s(await(() -> stream.readUntil(b("aaa")))));
        assertEquals("", s(stream.buffered()));

        stream.feedData(b("QWEaa"));
        stream.feedData(b("XYa"));
        stream.feedData(b("aa"));
        assertEquals("QWEaaXYaaa", s(await(() -> stream.readUntil(b("aaa")))));
        assertEquals("", s(stream.buffered()));

        stream.feedData(b("aaa"));
        assertEquals("aaa", s(await(() -> stream.readUntil(b("aaa")))));
        assertEquals("", s(stream.buffered()));

        stream.feedData(b("Xaaa"));
        assertEquals("Xaaa", s(await(() -> stream.readUntil(b("aaa")))));
        assertEquals("", s(stream.buffered()));

        stream.feedData(b("XXX"));
        stream.feedData(b("a"));
        stream.feedData(b("a"));
        stream.feedData(b("a"));
        assertEquals("XXXaaa", s(await(() -> stream.readUntil(b("aaa")))));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readuntilSeparatorSplitAcrossWaits() {
        StreamReader stream = new StreamReader();
        byte[] got = run(() -> {
            Task<byte[]> t = Asyncio.createTask(() -> Asyncio.await(stream.readUntil(b("\r\n\r\n"))));
            for (String piece : new String[] {"GET / HTTP/1.1\r", "\nHost: x\r\n", "\r", "\nbody"}) {
                Asyncio.await(Asyncio.sleep(0));
                stream.feedData(b(piece));
            }
            return Asyncio.await(t);
        });
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n", s(got));
        assertEquals("body", s(stream.buffered()));
    }

    @Test
    void readuntilEof() {
        StreamReader stream = new StreamReader();
        byte[] data = b("some dataAA");
        stream.feedData(data);
        stream.feedEof();
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> await(() -> stream.readUntil(b("AAA"))));
        assertTrue(e.getMessage().contains("undefined expected bytes"), e.getMessage());
        assertArrayEquals(data, e.partial());
        assertEquals(-1, e.expected());
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readuntilLimitFoundSep() {
        StreamReader stream = new StreamReader(3);
        stream.feedData(b("some dataAA"));
        LimitOverrunError e = assertThrows(LimitOverrunError.class, () -> await(() -> stream.readUntil(b("AAA"))));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertEquals("some dataAA", s(stream.buffered()));

        stream.feedData(b("A"));
        e = assertThrows(LimitOverrunError.class, () -> await(() -> stream.readUntil(b("AAA"))));
        assertTrue(e.getMessage().contains("is found"), e.getMessage());
        assertEquals(9, e.consumed());
        assertEquals("some dataAAA", s(stream.buffered()));
    }

    @Test
    void readexactlyZeroOrLess() {
        StreamReader stream = new StreamReader();
        stream.feedData(DATA);
        assertEquals("", s(await(() -> stream.readExactly(0))));
        assertArrayEquals(DATA, stream.buffered());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stream.readExactly(-1));
        assertTrue(e.getMessage().contains("less than zero"), e.getMessage());
        assertArrayEquals(DATA, stream.buffered());
    }

    @Test
    void readNegativeSizes() {
        StreamReader stream = new StreamReader();
        assertThrows(IllegalArgumentException.class, () -> stream.read(-2));
        assertThrows(NullPointerException.class, () -> stream.feedData(null));
        assertThrows(NullPointerException.class, () -> stream.setException(null));
    }

    @Test
    void readexactly() {
        StreamReader stream = new StreamReader();
        int n = 2 * DATA.length;
        byte[] data = run(() -> {
            Task<byte[]> readTask = Asyncio.createTask(() -> Asyncio.await(stream.readExactly(n)));
            Asyncio.getRunningLoop().callSoon(() -> {
                stream.feedData(DATA);
                stream.feedData(DATA);
                stream.feedData(DATA);
            });
            return Asyncio.await(readTask);
        });
        assertEquals(s(DATA) + s(DATA), s(data));
        assertArrayEquals(DATA, stream.buffered());
    }

    @Test
    void readexactlyLimit() {
        StreamReader stream = new StreamReader(3);
        stream.feedData(b("chunk"));
        assertEquals("chunk", s(await(() -> stream.readExactly(5))));
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readexactlyEof() {
        StreamReader stream = new StreamReader();
        int n = 2 * DATA.length;
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> run(() -> {
            Task<byte[]> readTask = Asyncio.createTask(() -> Asyncio.await(stream.readExactly(n)));
            Asyncio.getRunningLoop().callSoon(() -> {
                stream.feedData(DATA);
                stream.feedEof();
            });
            return Asyncio.await(readTask);
        }));
        assertArrayEquals(DATA, e.partial());
        assertEquals(n, e.expected());
        assertEquals("18 bytes read on a total of 36 expected bytes", e.getMessage());
        assertEquals("", s(stream.buffered()));
    }

    @Test
    void readexactlyException() {
        StreamReader stream = new StreamReader();
        stream.feedData(b("line\n"));
        assertEquals("li", s(await(() -> stream.readExactly(2))));
        stream.setException(new IllegalArgumentException());
        assertThrows(IllegalArgumentException.class, () -> await(() -> stream.readExactly(2)));
    }

    @Test
    void exception() {
        StreamReader stream = new StreamReader();
        assertNull(stream.exception());
        IllegalArgumentException exc = new IllegalArgumentException();
        stream.setException(exc);
        assertSame(exc, stream.exception());
    }

    @Test
    void exceptionWaiter() {
        StreamReader stream = new StreamReader();
        Task<byte[]> t1 = run(() -> {
            Task<byte[]> t = Asyncio.createTask(() -> Asyncio.await(stream.readLine()));
            Task<Void> t2 = Asyncio.createTask(() -> {
                stream.setException(new IllegalArgumentException());
                return null;
            });
            Asyncio.await(Asyncio.wait(List.of(t, t2)));
            return t;
        });
        assertThrows(IllegalArgumentException.class, t1::result);
    }

    @Test
    void exceptionCancel() {
        StreamReader stream = new StreamReader();
        Task<byte[]> t = loop.createTask(() -> Asyncio.await(stream.readLine()));
        runBriefly();
        t.cancel();
        runBriefly();
        // fails if setException() is not careful with the cancelled waiter
        stream.setException(new IllegalStateException("message"));
        runBriefly();
        assertFalse(stream.hasWaiter());
        assertTrue(t.isCancelled());
    }

    @Test
    void cancelledReadlineLosesNoBytes() {
        StreamReader stream = new StreamReader();
        List<String> lines = run(() -> {
            Future<byte[]> first = stream.readLine();
            stream.feedData(b("par"));
            Asyncio.await(Asyncio.sleep(0));
            assertTrue(first.cancel());
            Asyncio.await(Asyncio.sleep(0));
            assertTrue(first.isCancelled());
            stream.feedData(b("tial\nnext\n"));
            List<String> out = new ArrayList<>();
            out.add(s(Asyncio.await(stream.readLine())));
            out.add(s(Asyncio.await(stream.readLine())));
            return out;
        });
        assertEquals(List.of("partial\n", "next\n"), lines);
    }

    @Test
    void cancelledReadExactlyLosesNoBytes() {
        StreamReader stream = new StreamReader();
        String got = run(() -> {
            Task<byte[]> reader = Asyncio.createTask(() -> Asyncio.await(stream.readExactly(10)));
            Asyncio.await(Asyncio.sleep(0));
            stream.feedData(b("01234"));
            Asyncio.await(Asyncio.sleep(0));
            reader.cancel();
            try {
                Asyncio.await(reader);
            } catch (CancelledError expected) {
                // the read ended cancelled
            }
            stream.feedData(b("56789"));
            return s(Asyncio.await(stream.readExactly(10)));
        });
        assertEquals("0123456789", got);
    }

    @Test
    void twoWaitingReadsRefused() {
        StreamReader stream = new StreamReader();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(() -> {
            Future<byte[]> first = stream.readLine();
            try {
                return Asyncio.await(stream.read(5));
            } finally {
                first.cancel();
            }
        }));
        assertTrue(e.getMessage().contains("already waiting"), e.getMessage());
    }

    @Test
    void feedDataAfterEofRefused() {
        StreamReader stream = new StreamReader();
        stream.feedEof();
        assertThrows(IllegalStateException.class, () -> stream.feedData(b("x")));
    }

    @Test
    void readFromAnotherLoopRefused() {
        StreamReader stream = new StreamReader();
        run(() -> {
            Future<byte[]> f = stream.readLine();
            f.cancel();
            return null;
        });
        try (EventLoop other = Asyncio.newEventLoop()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> other.runUntilComplete(() -> Asyncio.await(stream.readLine())));
            assertTrue(e.getMessage().contains("different event loop"), e.getMessage());
        }
    }

    @Test
    void pausesAndResumesItsTransport() {
        RecordingTransport transport = new RecordingTransport();
        StreamReader stream = new StreamReader(4);
        stream.setTransport(transport);
        assertThrows(IllegalStateException.class, () -> stream.setTransport(transport));
        stream.feedData(b("12345678"));
        assertFalse(stream.isPaused());
        stream.feedData(b("9"));
        assertTrue(stream.isPaused());
        assertEquals(List.of("pauseReading"), transport.calls);
        assertEquals("1234", s(await(() -> stream.read(4))));
        assertTrue(stream.isPaused(), "5 bytes left: above the limit of 4");
        assertEquals("5", s(await(() -> stream.read(1))));
        assertFalse(stream.isPaused());
        assertEquals(List.of("pauseReading", "resumeReading"), transport.calls);
    }

    @Test
    void waitingWhilePausedResumesTheTransport() {
        // readexactly(n) with n above the limit must not deadlock on a paused transport
        RecordingTransport transport = new RecordingTransport();
        StreamReader stream = new StreamReader(2);
        stream.setTransport(transport);
        String got = run(() -> {
            Task<byte[]> t = Asyncio.createTask(() -> Asyncio.await(stream.readExactly(8)));
            Asyncio.await(Asyncio.sleep(0));
            stream.feedData(b("12345"));
            assertEquals(List.of("pauseReading"), transport.calls);
            Asyncio.await(Asyncio.sleep(0));
            assertEquals(List.of("pauseReading", "resumeReading"), transport.calls);
            stream.feedData(b("678"));
            return s(Asyncio.await(t));
        });
        assertEquals("12345678", got);
    }

    @Test
    void transportThatCannotPauseIsForgotten() {
        RecordingTransport transport = new RecordingTransport();
        transport.canPause = false;
        StreamReader stream = new StreamReader(1);
        stream.setTransport(transport);
        stream.feedData(b("abc"));
        stream.feedData(b("def"));
        assertFalse(stream.isPaused());
        assertEquals(List.of("pauseReading"), transport.calls);
    }

    @Test
    void repr() {
        assertEquals("<StreamReader>", new StreamReader().toString());
        assertEquals("<StreamReader limit=123>", new StreamReader(123).toString());
        StreamReader eof = new StreamReader();
        eof.feedEof();
        assertEquals("<StreamReader eof>", eof.toString());
        StreamReader data = new StreamReader();
        data.feedData(b("data"));
        assertEquals("<StreamReader 4 bytes>", data.toString());
        StreamReader exc = new StreamReader();
        exc.setException(new IllegalStateException("x"));
        assertEquals("<StreamReader exception=java.lang.IllegalStateException: x>", exc.toString());
        StreamReader waiting = new StreamReader();
        run(() -> {
            Future<byte[]> f = waiting.readLine();
            assertTrue(waiting.toString().matches("<StreamReader waiter=<Future pending[^>]*>>"), waiting.toString());
            f.cancel();
            return null;
        });
    }

    @Test
    void incompleteReadErrorCopiesItsBytes() {
        byte[] partial = b("abc");
        IncompleteReadError e = new IncompleteReadError(partial, 5);
        partial[0] = 'X';
        assertEquals("abc", s(e.partial()));
        e.partial()[1] = 'Y';
        assertEquals("abc", s(e.partial()));
        assertEquals("3 bytes read on a total of 5 expected bytes", e.getMessage());
    }

    @Test
    void peerResetFailsTheWaitingRead() {
        StreamReader stream = new StreamReader();
        UncheckedIOException reset = new UncheckedIOException(new SocketException("Connection reset"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(() -> {
            Task<byte[]> t = Asyncio.createTask(() -> Asyncio.await(stream.readLine()));
            Asyncio.await(Asyncio.sleep(0));
            stream.feedData(b("half a li"));
            stream.setException(reset);
            return Asyncio.await(t);
        }));
        assertSame(reset, e);
    }
}
