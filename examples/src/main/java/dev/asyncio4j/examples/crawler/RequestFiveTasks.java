package dev.asyncio4j.examples.crawler;

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

/** Tutorial 5, "多任务协程": five request Tasks run under {@code asyncio.wait}, then each result is read. */
public final class RequestFiveTasks extends TutorialProgram {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String url;

    /**
     * @param out   where the program prints
     * @param scale the time scale (1 = the tutorial's timing)
     */
    public RequestFiveTasks(PrintStream out, double scale) {
        super(out, scale);
    }

    HttpResponse<String> request() throws Exception {
        HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return status;
    }

    @Override
    public void main() throws Exception {
        try (SlowServer site = SlowServer.start(scaled(0.2))) {  // stands for https://www.baidu.com
            url = site.url();
            EventLoop loop = Asyncio.newEventLoop();
            List<Task<HttpResponse<String>>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(loop.createTask(this::request));
            }
            print("Tasks:", tasks);
            loop.runUntilComplete(() -> Asyncio.await(Asyncio.wait(tasks)));
            for (Task<HttpResponse<String>> task : tasks) {
                print("Task Result:", task.result());
            }
            loop.close();
        }
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     */
    public static void main(String[] args) {
        Scale.main(args, RequestFiveTasks::new);
    }
}
