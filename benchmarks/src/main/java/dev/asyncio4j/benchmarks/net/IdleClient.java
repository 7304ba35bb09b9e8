package dev.asyncio4j.benchmarks.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N connections to an echo server, sends one line on each and waits for its echo (so every server-side
 * handler has started and gone back to waiting), prints {@code CONNECTED}, then holds the connections idle until
 * its standard input closes.
 */
final class IdleClient {
    private IdleClient() {
    }

    static void run(int port, int n) throws IOException {
        List<SocketChannel> open = new ArrayList<>(n);
        ByteBuffer hello = ByteBuffer.wrap("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer in = ByteBuffer.allocate(6);
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            hello.rewind();
            while (hello.hasRemaining()) {
                ch.write(hello);
            }
            in.clear();
            while (in.hasRemaining()) {
                if (ch.read(in) < 0) {
                    throw new IOException("server closed connection " + i);
                }
            }
            open.add(ch);
        }
        System.out.println("CONNECTED " + open.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
    }
}
