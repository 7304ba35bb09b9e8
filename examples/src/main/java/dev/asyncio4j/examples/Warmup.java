package dev.asyncio4j.examples;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.crawler.SlowServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Loads the runtime before a program starts its clock. A Python program's imports happen before its
 * {@code start = time.time()}; on the JVM the first loop, Task and timer load and link a few hundred classes (about
 * 0.2-0.3 s), which would otherwise show up in the first time a program prints. Running one small program first puts
 * that cost where Python's import cost is: before the measurement.
 */
public final class Warmup {
    private static volatile boolean done;

    private Warmup() {
    }

    /**
     * Runs a tiny asyncio program once per JVM (Tasks, sleeps, wait, gather, as_completed, a thread, one HTTP request
     * to a local server); thread-safe.
     *
     * @throws IOException when the local HTTP server cannot start
     * @throws InterruptedException when interrupted during the HTTP request
     */
    public static synchronized void runtime() throws IOException, InterruptedException {
        if (done) {
            return;
        }
        try (SlowServer server = SlowServer.start(0)) {   // loads the JDK's HTTP client and server, as an import would
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        Asyncio.run(() -> {
            List<Task<Integer>> tasks = List.of(
                    Asyncio.createTask(() -> Asyncio.await(Asyncio.sleep(0.001, 1))),
                    Asyncio.createTask(() -> Asyncio.await(Asyncio.toThread(() -> 2))));
            Asyncio.await(Asyncio.wait(tasks));
            for (Future<Integer> f : Asyncio.asCompleted(tasks)) {
                Asyncio.await(f);
            }
            return Asyncio.await(Asyncio.gather(tasks));
        });
        done = true;
    }
}
