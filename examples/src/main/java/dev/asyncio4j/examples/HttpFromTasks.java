package dev.asyncio4j.examples;

import com.sun.net.httpserver.HttpServer;
import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP from tasks: {@code HttpClient.sendAsync} awaited through {@code Asyncio.wrapFuture}. Five requests to a slow
 * local server (0.3 s each) run concurrently and finish in about 0.3 s (plus, on this first use, the time the JVM
 * takes to warm its HTTP client up).
 */
public final class HttpFromTasks {
    private HttpFromTasks() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if the local server cannot start
     */
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService serverThreads = Executors.newFixedThreadPool(8);
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("page " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(serverThreads);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow?";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            Asyncio.run(() -> {
                double start = Asyncio.getRunningLoop().time();
                List<Future<HttpResponse<String>>> pages = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + i)).build();
                    pages.add(Asyncio.wrapFuture(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())));
                }
                for (Future<HttpResponse<String>> page : pages) {
                    HttpResponse<String> response = Asyncio.await(page);
                    System.out.println(response.statusCode() + " " + response.body());
                }
                System.out.printf("5 requests of 0.3 s took %.2f s%n", Asyncio.getRunningLoop().time() - start);
                return null;
            });
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }
}
