package dev.asyncio4j.examples.crawler;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Task;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial 5, "使用aiohttp": with a client that does not block — the JDK's {@code HttpClient.sendAsync}, whose
 * CompletableFuture {@code Asyncio.wrapFuture} turns into a Future the task awaits — the five requests overlap and
 * finish in about one request's time: 3 s instead of 15.
 */
public final class CrawlerAsync extends TutorialProgram {
    private final HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CrawlerAsync(PrintStream out, double scale) {
        super(out, scale);
    }

    String get(String url) {
        HttpResponse<String> response = Asyncio.await(Asyncio.wrapFuture(
                session.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())));
        String result = response.body();
        return result;
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
            EventLoop loop = Asyncio.newEventLoop();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(loop.createTask(this::request));
            }
            loop.runUntilComplete(() -> Asyncio.await(Asyncio.wait(tasks)));
            loop.close();
            double end = now();
            print("Cost time:", seconds(end - start));
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, CrawlerAsync::new);
    }
}
