package dev.asyncio4j.examples.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tutorial's slow Flask server ({@code time.sleep(3); return 'Hello!'}) on the JDK's own HTTP server, on a free
 * port of 127.0.0.1. Like Flask's {@code threaded=True}, no request ever waits for another: each one is answered
 * {@code delaySeconds} after it arrived, by a timer rather than by a sleeping thread, so a thousand requests at once
 * cost the server two threads, not a thousand. It counts how many requests it holds at the same moment, which shows
 * how much a client overlapped its waits. Thread-safe; close it to stop it.
 */
public final class SlowServer implements AutoCloseable {
    private final HttpServer server;
    private final ScheduledExecutorService timers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong lastArrival = new AtomicLong();

    private SlowServer(HttpServer server, ScheduledExecutorService timers) {
        this.server = server;
        this.timers = timers;
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @param delaySeconds how long each request takes, {@code >= 0}
     * @return the running server
     * @throws IOException when no port can be bound
     * @throws IllegalArgumentException when the delay is negative or NaN
     */
    public static SlowServer start(double delaySeconds) throws IOException {
        if (!(delaySeconds >= 0)) {
            throw new IllegalArgumentException("delay must be >= 0 seconds, got " + delaySeconds);
        }
        long delayNanos = Math.round(delaySeconds * 1e9);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slow-server-timer");
            t.setDaemon(true);
            return t;
        });
        SlowServer slow = new SlowServer(http, timers);
        // no executor: the server's own thread only reads the request and sets the timer
        http.createContext("/", exchange -> slow.answerLater(exchange, delayNanos));
        http.start();
        return slow;
    }

    /** @return the address to request, for example {@code http://127.0.0.1:5000/} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** @return the largest number of requests this server has held at the same moment so far */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** @return when the latest request arrived, on the {@code System.nanoTime()} clock, or 0 before the first */
    public long lastArrivalNanos() {
        return lastArrival.get();
    }

    private void answerLater(HttpExchange exchange, long delayNanos) {
        lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        timers.schedule(() -> answer(exchange), delayNanos, TimeUnit.NANOSECONDS);  // time.sleep(3)
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            inFlight.decrementAndGet();
            byte[] body = "Hello!".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer " + exchange.getRequestURI(), e);  // the client hung up
        }
    }

    /** Stops accepting requests, drops the unanswered ones and ends the timer thread. */
    @Override
    public void close() {
        server.stop(0);
        timers.shutdownNow();
    }
}
