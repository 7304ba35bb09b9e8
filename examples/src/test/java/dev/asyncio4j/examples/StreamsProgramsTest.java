package dev.asyncio4j.examples;

import org.junit.jupiter.api.Test;

/** The networking programs (issue 13): echo, chat, port checker, and the crawler on open_connection. */
class StreamsProgramsTest {
    private static final String PORT = "\\d+";

    @Test
    void echoServerAndClient() throws Exception {
        ProgramRun.of("echo-server-client", 1)
                .printed("Serving on \\('127\\.0\\.0\\.1', " + PORT + "\\)",
                        "Send: 'Hello World!'",
                        "Received 'Hello World!' from \\('127\\.0\\.0\\.1', " + PORT + "\\)",
                        "Send: 'Hello World!'",
                        "Close the connection",
                        "Received: 'Hello World!'",
                        "Close the connection");
    }

    @Test
    void chatServerRelaysEveryLineToTheOthers() throws Exception {
        ProgramRun.of("chat-server", 1)
                .printed("server: alice joined",
                        "server: bob joined",
                        "  alice sees: \\* bob joined",
                        "server: carol joined",
                        "  alice sees: \\* carol joined",
                        "  bob sees: \\* carol joined",
                        "  bob sees: alice: hello, everyone",
                        "  carol sees: alice: hello, everyone",
                        "  alice sees: carol: hi alice!",
                        "  bob sees: carol: hi alice!",
                        "server: bob left",
                        "  alice sees: \\* bob left",
                        "  carol sees: \\* bob left",
                        "server: (alice|carol) left",
                        "server: (alice|carol) left");
    }

    @Test
    void portCheckerTellsOpenFromClosed() throws Exception {
        ProgramRun.of("port-checker", 0.5)
                .printed(">> 6 >>",
                        "3 of 6 ports open");
    }

    @Test
    void portCheckerLinesSayWhy() throws Exception {
        ProgramRun run = ProgramRun.of("port-checker", 0.5);
        long openOurs = run.lines().stream().filter(l -> l.matches("port \\d+: open \\(one of our servers\\)")).count();
        long closedFreed = run.lines().stream().filter(l -> l.matches("port \\d+: closed \\(freed\\)")).count();
        org.junit.jupiter.api.Assertions.assertEquals(3, openOurs, run.output());
        org.junit.jupiter.api.Assertions.assertEquals(3, closedFreed, run.output());
    }

    @Test
    void crawlerOnOpenConnectionOverlapsTheFiveRequests() throws Exception {
        String url = "http://127\\.0\\.0\\.1:\\d+/";
        String waiting = "Waiting for " + url;
        String got = "Get response from " + url + " Result: Hello!";
        ProgramRun.of("crawler-streams", 0.1)
                .printed(waiting, waiting, waiting, waiting, waiting, got, got, got, got, got, "Cost time: [0-9.]+")
                .tookAtLeast(3)
                .tookLessThan(5 * 3);
    }
}
