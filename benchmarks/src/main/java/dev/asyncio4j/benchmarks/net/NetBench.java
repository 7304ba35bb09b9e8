package dev.asyncio4j.benchmarks.net;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.LoopGroup;
import dev.asyncio4j.Server;
import dev.asyncio4j.StreamOptions;
import java.util.Arrays;

/**
 * The JVM half of the networking benchmarks ({@code benchmarks/net_side_by_side.py}): echo servers in asyncio4j
 * (Kotlin handlers, Java handlers) and Netty, and the load generator that drives every server the same way.
 *
 * <pre>
 * java -cp asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.net.NetBench server kotlin|java|netty
 * java -cp asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.net.NetBench server group LOOPS
 * java -cp asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.net.NetBench echo PORT CLIENTS ROUNDS SIZE
 * java -cp asyncio4j-benchmarks.jar dev.asyncio4j.benchmarks.net.NetBench idle PORT CONNECTIONS
 * </pre>
 *
 * A server prints {@code READY <port>} once it listens and runs until its standard input closes.
 */
public final class NetBench {
    private NetBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        switch (args[0]) {
            case "server":
                if (args[1].equals("group")) {
                    groupServer(Integer.parseInt(args[2]));
                } else {
                    serve(args[1]);
                }
                break;
            case "echo":
                EchoClient.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
                break;
            case "idle":
                IdleClient.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                break;
            default:
                usage();
        }
    }

    private static void usage() {
        System.err.println("usage: server kotlin|java|netty|group LOOPS | echo PORT CLIENTS ROUNDS SIZE | idle PORT N; got "
                + Arrays.toString(new String[0]));
        System.exit(2);
    }

    private static void serve(String flavour) throws Exception {
        switch (flavour) {
            case "kotlin":
                KotlinEchoServer.serve();
                break;
            case "java":
                javaServer();
                break;
            case "netty":
                NettyEchoServer.serve();
                break;
            default:
                throw new IllegalArgumentException("unknown server " + flavour);
        }
    }

    /** The Java-handler echo server: one Java coroutine body per connection. */
    static void javaServer() {
        Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer((reader, writer) -> {
                while (true) {
                    byte[] data = Asyncio.await(reader.read(65_536));
                    if (data.length == 0) {
                        break;
                    }
                    writer.write(data);
                    Asyncio.await(writer.drain());
                }
                writer.close();
            }, "127.0.0.1", 0, StreamOptions.defaults().withBacklog(4096)));
            ready(server.sockets().get(0).getPort());
            Asyncio.await(Asyncio.toThread(NetBench::waitForStdinClose));
            server.close();
            server.abortClients();
            return null;
        });
    }

    /**
     * The Java-handler echo server on a {@link LoopGroup} of {@code loops} loops: one listener, its connections
     * spread over the loops (issue 16's scaling figure: 1, 2 and N loops).
     */
    static void groupServer(int loops) throws Exception {
        try (LoopGroup group = LoopGroup.create(loops)) {
            Server server = group.startServer((reader, writer) -> {
                while (true) {
                    byte[] data = Asyncio.await(reader.read(65_536));
                    if (data.length == 0) {
                        break;
                    }
                    writer.write(data);
                    Asyncio.await(writer.drain());
                }
                writer.close();
            }, "127.0.0.1", 0, StreamOptions.defaults().withBacklog(4096)).get();
            ready(server.sockets().get(0).getPort());
            waitForStdinClose();
            server.close();
            server.abortClients();
        }
    }

    /** Announces the port to the runner. */
    public static void ready(int port) {
        System.out.println("READY " + port);
        System.out.flush();
    }

    /** Blocks until the runner closes our standard input. */
    public static Void waitForStdinClose() throws java.io.IOException {
        while (System.in.read() >= 0) {
            // ignore
        }
        return null;
    }
}
