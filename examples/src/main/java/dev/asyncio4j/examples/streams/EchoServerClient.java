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
import java.net.InetSocketAddress;

/**
 * CPython's documentation, "TCP echo client/server using streams", in one program: {@code start_server} runs
 * {@code handle_echo} for each client; {@code tcp_echo_client} connects with {@code open_connection}, sends a
 * message and reads it back. The server listens on port 0 (the system picks a free port) instead of 8888.
 */
public final class EchoServerClient extends TutorialProgram {
    /**
     * @param out   where the program prints
     * @param scale the time scale (unused: nothing here waits on a clock)
     */
    public EchoServerClient(PrintStream out, double scale) {
        super(out, scale);
    }

    Void handleEcho(StreamReader reader, StreamWriter writer) {
        byte[] data = Asyncio.await(reader.read(100));
        String message = new String(data, UTF_8);
        InetSocketAddress addr = writer.peerAddress();
        print("Received", "'" + message + "'", "from", "('" + addr.getAddress().getHostAddress() + "',",
                addr.getPort() + ")");
        print("Send:", "'" + message + "'");
        writer.write(data);
        Asyncio.await(writer.drain());
        print("Close the connection");
        writer.close();
        Asyncio.await(writer.waitClosed());
        return null;
    }

    Void tcpEchoClient(String message, int port) {
        Connection c = Asyncio.await(Asyncio.openConnection("127.0.0.1", port));
        print("Send:", "'" + message + "'");
        c.writer().write(message.getBytes(UTF_8));
        Asyncio.await(c.writer().drain());
        byte[] data = Asyncio.await(c.reader().read(100));
        print("Received:", "'" + new String(data, UTF_8) + "'");
        print("Close the connection");
        c.writer().close();
        Asyncio.await(c.writer().waitClosed());
        return null;
    }

    @Override
    public void main() throws Exception {
        Asyncio.run(() -> {
            Server server = Asyncio.await(Asyncio.startServer(this::handleEcho, "127.0.0.1", 0));
            int port = server.sockets().get(0).getPort();
            print("Serving on", "('127.0.0.1',", port + ")");
            tcpEchoClient("Hello World!", port);
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
        Scale.main(args, EchoServerClient::new);
    }
}
