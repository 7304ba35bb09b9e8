package dev.asyncio4j.examples.streams;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.asyncio4j.Asyncio;
import dev.asyncio4j.Connection;
import dev.asyncio4j.Server;
import dev.asyncio4j.StreamReader;
import dev.asyncio4j.StreamWriter;
import dev.asyncio4j.examples.Scale;
import dev.asyncio4j.examples.TutorialProgram;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line-based chat server on {@code start_server}: each client first sends its name, then lines; the server
 * relays every line to every other client as {@code "name: line"}, and announces arrivals and departures. One Java
 * Task per client, no lock: the handlers all run on the loop, one at a time. Three scripted clients talk in turn.
 */
public final class ChatServer extends TutorialProgram {
    /** Who is connected, by name, in arrival order. Loop-confined like everything here. */
    private final Map<String, StreamWriter> clients = new LinkedHashMap<>();

    /**
     * @param out   where the program prints
     * @param scale the time scale (unused: the clients take turns by waiting for each other's lines)
     */
    public ChatServer(PrintStream out, double scale) {
        super(out, scale);
    }

    private void broadcast(String from, String line) {
        byte[] bytes = (line + "\n").getBytes(UTF_8);
        for (Map.Entry<String, StreamWriter> c : clients.entrySet()) {
            if (!c.getKey().equals(from)) {
                c.getValue().write(bytes);
            }
        }
    }

    Void handleClient(StreamReader reader, StreamWriter writer) {
        String name = new String(Asyncio.await(reader.readLine()), UTF_8).strip();
        clients.put(name, writer);
        print("server:", name, "joined");
        broadcast(name, "* " + name + " joined");
        while (true) {
            byte[] line = Asyncio.await(reader.readLine());
            if (line.length == 0) {
                break;
            }
            broadcast(name, name + ": " + new String(line, UTF_8).strip());
        }
        clients.remove(name);
        print("server:", name, "left");
        broadcast(name, "* " + name + " left");
        writer.close();
        return null;
    }

    /** One chat client: connects, says its name, then the script drives it. */
    private final class Client {
        final String name;
        final Connection c;

        Client(String name, int port) {
            this.name = name;
            this.c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
            c.writer().write((name + "\n").getBytes(UTF_8));
        }

        void say(String text) {
            c.writer().write((text + "\n").getBytes(UTF_8));
        }

        /** Reads one relayed line and prints it as this client sees it. */
        void hear() {
            print("  " + name + " sees:", new String(Asyncio.await(c.reader().readLine()), UTF_8).strip());
        }

        void leave() {
            c.writer().close();
            Asyncio.await(c.writer().waitClosed());
        }
    }

    @Override
    public void main() throws Exception {
        Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(this::handleClient, "127.0.0.1", 0));
            int port = server.sockets().get(0).getPort();
            Client alice = new Client("alice", port);
            while (clients.size() < 1) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            Client bob = new Client("bob", port);
            alice.hear();
            Client carol = new Client("carol", port);
            alice.hear();
            bob.hear();
            alice.say("hello, everyone");
            bob.hear();
            carol.hear();
            carol.say("hi alice!");
            alice.hear();
            bob.hear();
            bob.leave();
            alice.hear();
            carol.hear();
            List<Client> rest = new ArrayList<>(List.of(alice, carol));
            for (Client c : rest) {
                c.leave();
            }
            while (!clients.isEmpty()) {
                Asyncio.await(Asyncio.sleep(0.001));
            }
            server.close();
            Asyncio.await(server.waitClosed());
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
        Scale.main(args, ChatServer::new);
    }
}
