package dev.asyncio4j.examples.crawler;

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

/**
 * Tutorial 5, "绑定回调": a done-callback gets the finished Task and prints its result. The tutorial requests
 * baidu.com; here a local server answers (no internet needed).
 */
public final class RequestCallback extends TutorialProgram {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public RequestCallback(PrintStream out, double scale) {
        super(out, scale);
    }

    HttpResponse<String> request() throws Exception {
        HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());  // requests.get(url)
        return status;
    }

    void callback(Future<HttpResponse<String>> task) {
        print("Status:", task.result());
    }

    @Override
    public void main() throws Exception {
        try (SlowServer site = SlowServer.start(scaled(0.2))) {  // stands for https://www.baidu.com
            url = site.url();
            EventLoop loop = Asyncio.newEventLoop();
            Task<HttpResponse<String>> task = loop.createTask(this::request);
            task.addDoneCallback(this::callback);
            print("Task:", task);
            loop.runUntilComplete(task);
            print("Task:", task);
            loop.close();
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, RequestCallback::new);
    }
}
