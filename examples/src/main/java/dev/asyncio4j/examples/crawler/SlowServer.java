package dev.asyncio4j.examples.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tutorial's slow Flask server on the JDK's own HTTP server: every request sleeps {@code delaySeconds}, then
 * answers {@code Hello!}. Like Flask's {@code threaded=True}, each request gets its own (daemon) thread, so the
 * server never queues requests — any slowness you see comes from the client. Thread-safe; close it to
 * stop it.
 */
public final class SlowServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private SlowServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @param delaySeconds how long each request takes, {@code >= 0}
     * @return the running server
     * @throws IOException when no port can be bound
     */
    public static SlowServer start(double delaySeconds) throws IOException {
        if (!(delaySeconds >= 0)) {
            throw new IllegalArgumentException("delay must be >= 0 seconds, got " + delaySeconds);
        }
        long delayMillis = Math.round(delaySeconds * 1000);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        ExecutorService threads = Executors.newCachedThreadPool(request -> {
            Thread t = new Thread(request, "slow-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> answerSlowly(exchange, delayMillis));
        server.start();
        return new SlowServer(server, threads);
    }

    /** @return the address to request, for example {@code http://127.0.0.1:5000/} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static void answerSlowly(HttpExchange exchange, long delayMillis) throws IOException {
        try (exchange) {
            try {
                Thread.sleep(delayMillis);  // time.sleep(3)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = "Hello!".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** Stops accepting requests and ends the request threads. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
