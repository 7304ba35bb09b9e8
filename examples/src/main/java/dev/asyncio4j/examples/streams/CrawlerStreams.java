package dev.asyncio4j.examples.streams;

import static dev.asyncio4j.examples.Clock.now;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Connection;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import dev.asyncio4j.examples.crawler.SlowServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tutorial 5's crawler once more, on the loop's own sockets: {@code open_connection} and HTTP/1.1 written by hand
 * (as CPython's documentation does to print HTTP headers) instead of an HTTP client. Five requests to the 3-second
 * server overlap: about 3 s instead of 15, with no thread per request.
 */
public final class CrawlerStreams extends TutorialProgram {
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CrawlerStreams(PrintStream out, double scale) {
        super(out, scale);
    }

    /** GET over a connection of our own: request line and headers, then status, headers and a sized body. */
    String get(String address) {
        URI uri = URI.create(address);
        Connection c = Asyncio.await(Asyncio.openConnection(uri.getHost(), uri.getPort()));
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        c.writer().write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
        String status = line(c);
        int length = -1;
        while (true) {
            String header = line(c);
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
            }
        }
        byte[] body = length >= 0 ? Asyncio.await(c.reader().readExactly(length))
                : Asyncio.await(c.reader().read(-1));
        c.writer().close();
        Asyncio.await(c.writer().waitClosed());
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("unexpected status: " + status);
        }
        return new String(body, ISO_8859_1);
    }

    private static String line(Connection c) {
        return new String(Asyncio.await(c.reader().readLine()), ISO_8859_1).stripTrailing();
    }

    Void request() {
        print("Waiting for", url);
        String result = get(url);
        print("Get response from", url, "Result:", result);
        return null;
    }

    @Override
    public void main() throws Exception {
        try (SlowServer server = SlowServer.start(scaled(3))) {
            url = server.url();
            double start = now();
            Asyncio.run(() -> {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    tasks.add(Asyncio.createTask(this::request));
                }
                Asyncio.await(Asyncio.wait(tasks));
                for (Task<Void> t : tasks) {
                    t.result();
                }
                return null;
            });
            double end = now();
            print("Cost time:", String.format(Locale.ROOT, "%.3f", end - start));
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, CrawlerStreams::new);
    }
}
