package dev.asyncio4j.examples.streams;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Connection;
import dev.asyncio4j.Future;
import dev.asyncio4j.Server;
import dev.asyncio4j.TimeoutError;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A port checker: {@code open_connection} under {@code wait_for} for every port of a list at once. An open port
 * accepts, a closed one refuses at once, and a port that does not answer within the timeout counts as filtered (the
 * timeout cancels the connect, which closes its socket). The ports here are local: three of our own servers and
 * three ports that were just freed, checked concurrently.
 */
public final class PortChecker extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale applied to the 1 s timeout
     */
    public PortChecker(PrintStream out, double scale) {
        super(out, scale);
    }

    String check(int port) {
        try {
            Connection c = Asyncio.await(Asyncio.waitFor(Asyncio.openConnection("127.0.0.1", port), scaled(1.0)));
            c.writer().close();
            return "open";
        } catch (UncheckedIOException refused) {
            return "closed";
        } catch (TimeoutError slow) {
            return "filtered";
        }
    }

    @Override
    public void main() throws Exception {
        List<Integer> freed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                freed.add(((InetSocketAddress) probe.getLocalAddress()).getPort());
            }
        }
        Asyncio.run(() -> {
            List<Server> servers = new ArrayList<>();
            TreeSet<Integer> ports = new TreeSet<>(freed);
            TreeSet<Integer> open = new TreeSet<>();
            for (int i = 0; i < 3; i++) {
                Server s = Asyncio.await(Asyncio.startServer((r, w) -> w.close(), "127.0.0.1", 0));
                servers.add(s);
                ports.add(s.sockets().get(0).getPort());
                open.add(s.sockets().get(0).getPort());
            }
            List<Future<String>> checks = new ArrayList<>();
            for (int port : ports) {
                checks.add(Asyncio.createTask(() -> check(port)));
            }
            List<String> results = Asyncio.await(Asyncio.gather(checks));
            int i = 0;
            int opened = 0;
            for (int port : ports) {
                String state = results.get(i++);
                print("port", port + ":", state + (open.contains(port) ? " (one of our servers)" : " (freed)"));
                if (state.equals("open")) {
                    opened++;
                }
            }
            print(opened, "of", ports.size(), "ports open");
            for (Server s : servers) {
                s.close();
                Asyncio.await(s.waitClosed());
            }
            return null;
        });
    }

    /**
     * Runs the program on {@code System.out}.
     *
     * @param args optionally {@code --scale X}
     * @throws Exception whatever the program lets escape
     */
    public static void main(String[] args) throws Exception {
        Scale.main(args, PortChecker::new);
    }
}
