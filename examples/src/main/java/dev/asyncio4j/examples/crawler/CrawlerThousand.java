package dev.asyncio4j.examples.crawler;

import static dev.asyncio4j.examples.Clock.now;
import static dev.asyncio4j.examples.Clock.seconds;

import dev.asyncio4j.Asyncio;
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
 * One step beyond tutorial 5: the asynchronous crawler with 1,000 concurrent requests to the 3-second server. They
 * all wait at the same time, so the whole crawl takes about one request's time, not 3,000 s. A progress bar, drawn
 * by a done-callback on the loop (no lock needed), shows the responses arriving.
 */
public final class CrawlerThousand extends TutorialProgram {
    /** How many requests the crawl makes. */
    public static final int REQUESTS = 1000;

    private final HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public CrawlerThousand(PrintStream out, double scale) {
        super(out, scale);
    }

    String get(String url) {
        HttpResponse<String> response = Asyncio.await(Asyncio.wrapFuture(
                session.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())));
        return response.body();
    }

    Void crawl() {
        ProgressBar bar = new ProgressBar(out, REQUESTS);
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Task<String> task = Asyncio.createTask(() -> get(url));
            task.addDoneCallback(done -> bar.advance());  // callbacks run on the loop, one at a time
            tasks.add(task);
        }
        List<String> results = Asyncio.await(Asyncio.gather(tasks));
        bar.finish();
        long hellos = results.stream().filter("Hello!"::equals).count();
        print("Responses:", results.size(), "- all 'Hello!':", hellos == REQUESTS);
        return null;
    }

    @Override
    public void main() throws Exception {
        try (SlowServer server = SlowServer.start(scaled(3))) {
            url = server.url();
            print("Crawling", url, REQUESTS, "times; one request takes", seconds(scaled(3)), "s");
            double start = now();
            Asyncio.run(this::crawl);
            print("Cost time:", seconds(now() - start));
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, (out, scale) -> new CrawlerThousand(out, scale).main());
    }
}
