package dev.asyncio4j.examples.crawler;

import static dev.asyncio4j.examples.Clock.now;
import static dev.asyncio4j.examples.Clock.seconds;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.EventLoop;
import dev.asyncio4j.Future;
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
 * Tutorial 5, "举例：爬虫，协程实现" (the {@code async def get(url): return requests.get(url)} attempt): wrapping the
 * blocking call in a coroutine and awaiting it changes nothing — the wrapper still blocks the loop while it runs, so
 * five requests still take 15 s. (The tutorial's first try, {@code await requests.get(url)}, does not even compile in
 * Java: {@code Asyncio.await} takes a Future, not an HttpResponse.)
 */
public final class CrawlerAwaitBlocking extends TutorialProgram {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CrawlerAwaitBlocking(PrintStream out, double scale) {
        super(out, scale);
    }

    // async def get(url): return requests.get(url)
    Future<HttpResponse<String>> get(String url) {
        return Asyncio.createTask(() -> client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    Void request() {
        print("Waiting for", url);
        HttpResponse<String> response = Asyncio.await(get(url));
        print("Get response from", url, "Result:", response.body());
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
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, (out, scale) -> new CrawlerAwaitBlocking(out, scale).main());
    }
}
