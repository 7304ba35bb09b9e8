package dev.asyncio4j;

import dev.asyncio4j.kotlin.internal.AwaitAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.CancelledError;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP from tasks: {@code HttpClient.sendAsync} awaited through {@code wrapFuture}, against a local server. */
class HttpClientTest {
    private HttpServer server;
    private ExecutorService serverThreads;
    private HttpClient client;
    /** Requests the "/together" handler holds now, and at most; it answers once all five have arrived. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger heldAtMost = new AtomicInteger();
    private final CountDownLatch allFiveArrived = new CountDownLatch(5);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("hello " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/together", exchange -> {
            heldAtMost.accumulateAndGet(held.incrementAndGet(), Math::max);
            allFiveArrived.countDown();
            try {
                // Requests sent one after the other would never all be here: the first would give up after 10 s.
                allFiveArrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.decrementAndGet();
            byte[] body = ("hello " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/fast", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // The JVM's first HTTP exchange pays for class loading and JIT warm-up: keep that out of the timing.
        try {
            client.send(HttpRequest.newBuilder(URI.create(base() + "/fast")).build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private HttpRequest slow(int i) {
        return HttpRequest.newBuilder(URI.create(base() + "/slow?" + i))
                .build();
    }

    @Test
    void fiveRequestsAwaitedConcurrentlyAreHeldByTheServerAtOnce() {
        // The overlap is proven by the server's count of requests held at once, not by the clock (a 1 s bound on
        // five 0.3 s requests failed under load).
        List<String> bodies = Asyncio.run(() -> {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                HttpRequest together = HttpRequest.newBuilder(URI.create(base() + "/together?" + i)).build();
                responses.add(Asyncio.wrapFuture(client.sendAsync(together, HttpResponse.BodyHandlers.ofString())));
            }
            List<String> out = new ArrayList<>();
            for (HttpResponse<String> r : AwaitAll.of(responses)) {
                assertEquals(200, r.statusCode());
                out.add(r.body());
            }
            return out;
        });
        assertEquals(List.of("hello 0", "hello 1", "hello 2", "hello 3", "hello 4"), bodies);
        assertEquals(5, heldAtMost.get(), "the server held the five requests at once");
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheRequest() {
        CompletableFuture<?>[] request = new CompletableFuture<?>[1];
        assertThrows(CancelledError.class, () -> Asyncio.run(() -> {
            CompletableFuture<HttpResponse<String>> cf = client.sendAsync(slow(9), HttpResponse.BodyHandlers.ofString());
            request[0] = cf;
            Task<HttpResponse<String>> task = Asyncio.createTask(() -> Asyncio.await(Asyncio.wrapFuture(cf)));
            Asyncio.getRunningLoop().callLater(0.05, task::cancel);
            return Asyncio.await(task);
        }));
        assertTrue(request[0].isCancelled());
    }
}
