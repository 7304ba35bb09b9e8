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
 * Tutorial 5, "举例：爬虫，协程实现": five tasks each make a blocking request to a server that takes 3 s. A blocking
 * call never gives the loop back, so the requests run one after the other: 15 s.
 */
public final class CrawlerBlocking extends TutorialProgram {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CrawlerBlocking(PrintStream out, double scale) {
        super(out, scale);
    }

    Void request() throws Exception {
        print("Waiting for", url);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());  // requests.get(url): blocks the loop
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
        Scale.main(args, CrawlerBlocking::new);
    }
}
