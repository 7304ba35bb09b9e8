package dev.asyncio4j.examples.crawler;

import static dev.asyncio4j.examples.Clock.now;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Future;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One step beyond tutorial 5: the asynchronous crawler with 1,000 concurrent requests to the 3-second server. They
 * all wait at the same time — the server holds all of them at once — so the crawl takes one request's 3 s plus the
 * time it takes to send 1,000 requests and read the answers, not 3,000 s. Sending and reading are the parts that do
 * not overlap: the HTTP client opens 1,000 connections while the JIT is still compiling it (about a second on an idle
 * 2-core machine), and 1,000 answers are written and parsed on two cores (far longer when the machine is loaded).
 *
 * <p>{@code sendAsync} already returns a running future, so the requests are gathered as Futures, Python's
 * {@code await asyncio.gather(*(session.get(url) for _ in range(1000)))}, rather than wrapped in 1,000 Tasks as
 * {@code crawler-async} does for five: on JDK 17 every Java Task body is a platform thread, and starting 1,000 of
 * them took 2-6 s on a loaded 2-core machine (0.5-1.8 s on JDK 25's virtual threads), which would hide the lesson.
 *
 * <p>A progress bar (me.tongfei:progressbar), advanced by a done-callback on the loop, shows the responses arriving:
 * redrawn in place on a terminal, a plain line per second anywhere else.
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

    Void crawl() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        List<HttpResponse<String>> responses;
        try (ProgressBar bar = progressBar()) {
            List<Future<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                // session.get(url): sendAsync starts the request at once; wrapFuture makes it awaitable on the loop
                Future<HttpResponse<String>> response = Asyncio.wrapFuture(
                        session.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                response.addDoneCallback(done -> bar.step());   // callbacks run on the loop, one at a time
                requests.add(response);
            }
            responses = Asyncio.await(Asyncio.gather(requests));
        }
        long hellos = responses.stream().filter(r -> r.body().equals("Hello!")).count();
        print("Responses:", responses.size(), "- all 'Hello!':", hellos == REQUESTS);
        return null;
    }

    private ProgressBar progressBar() {
        ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName("Crawling").setInitialMax(REQUESTS);
        if (printsToTerminal()) {
            // redrawn in place; a fixed width, because asking the terminal for its own (JLine) costs a good part of
            // a second, inside the time this program measures
            return bar.setConsumer(new ConsoleProgressBarConsumer(out, 80)).setUpdateIntervalMillis(100).build();
        }
        // a log or a pipe: no colours, no carriage returns; a line per second that shows progress
        return bar.setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(new NewLines(), 80))
                .setUpdateIntervalMillis(1000).build();
    }

    /** Prints each state of the bar on a line of its own, skipping a repeat (the bar draws its end twice). */
    private final class NewLines implements Consumer<String> {
        private String last;

        @Override
        public void accept(String rendered) {   // on the bar's own thread only
            String line = rendered.stripTrailing();
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
        }
    }

    @Override
    public void main() throws Exception {
        try (SlowServer server = SlowServer.start(scaled(3))) {
            url = server.url();
            print("Crawling", url, REQUESTS, "times; the server answers each request after",
                    Scale.format(scaled(3)), "s");
            double start = now();
            Asyncio.run(this::crawl);
            double end = now();
            print("Requests the server held at once, at most:", server.peakInFlight(), "(one after the other: 1)");
            print("The last request reached the server after:", seconds(server.lastArrivalNanos() / 1e9 - start));
            print("Cost time:", seconds(end - start));
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, CrawlerThousand::new);
    }
}
