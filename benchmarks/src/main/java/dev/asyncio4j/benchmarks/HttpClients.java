package dev.asyncio4j.benchmarks;

import java.net.http.HttpClient;
import java.util.concurrent.Executor;

/** The crawler's one shared HTTP/1.1 client (each response closes its connection, so nothing is pooled). */
public final class HttpClients {
    private HttpClients() {
    }

    /** {@code -Dasyncio4j.bench.httpExecutor=direct|default}: where HttpClient completes its futures. */
    public static final HttpClient SHARED = create(System.getProperty("asyncio4j.bench.httpExecutor", "default"));

    private static HttpClient create(String executor) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (executor.equals("direct")) {
            Executor direct = Runnable::run;
            b.executor(direct);
        }
        return b.build();
    }
}
