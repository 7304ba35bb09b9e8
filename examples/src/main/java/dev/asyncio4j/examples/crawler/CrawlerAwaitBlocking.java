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
 * Tutorial 5, "举例：爬虫，协程实现" (the {@code async def get(url): return requests.get(url)} attempt): wrapping the
 * blocking call in a coroutine and awaiting it changes nothing. {@code await get(url)} runs {@code get} to its end
 * inside the same task, exactly like a plain call (rule 2 of the examples README), so {@code get} is a plain method
 * here and the blocking request still holds the loop: each "Waiting for" is followed by its response, and five
 * requests take 15 s, as in Python. (The tutorial's first try, {@code await requests.get(url)}, does not even compile
 * in Java: {@code Asyncio.await} takes a Future, not an HttpResponse.)
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
    HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Void request() throws Exception {
        print("Waiting for", url);
        HttpResponse<String> response = get(url);   // response = await get(url): awaiting a coroutine is calling it
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
     */
    public static void main(String[] args) {
        Scale.main(args, CrawlerAwaitBlocking::new);
    }
}
