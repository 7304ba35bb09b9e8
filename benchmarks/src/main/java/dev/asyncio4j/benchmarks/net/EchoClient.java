package dev.asyncio4j.benchmarks.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The echo load generator: CLIENTS connections on one thread and one Selector, each doing ROUNDS round trips of
 * SIZE bytes (write SIZE bytes, wait until SIZE bytes came back, repeat). The same generator drives every server,
 * so the figures compare the servers. Prints one JSON line.
 */
final class EchoClient {
    private EchoClient() {
    }

    private static final class Conn {
        final SocketChannel ch;
        final ByteBuffer out;
        final ByteBuffer in;
        int roundsLeft;
        long received;

        Conn(SocketChannel ch, int size, int rounds, int id) {
            this.ch = ch;
            byte[] msg = new byte[size];
            for (int i = 0; i < size; i++) {
                msg[i] = (byte) ('a' + (id + i) % 26);
            }
            this.out = ByteBuffer.allocateDirect(size);
            out.put(msg).flip();
            this.in = ByteBuffer.allocateDirect(size);
            this.roundsLeft = rounds;
        }
    }

    static void run(int port, int clients, int rounds, int size) throws IOException {
        Selector selector = Selector.open();
        Conn[] conns = new Conn[clients];
        for (int i = 0; i < clients; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            conns[i] = new Conn(ch, size, rounds, i);
        }
        long start = System.nanoTime();
        int active = clients;
        for (Conn c : conns) {
            c.ch.write(c.out);
            c.ch.register(selector, c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ, c);
        }
        long bytes = 0;
        while (active > 0) {
            selector.select();
            for (SelectionKey k : selector.selectedKeys()) {
                Conn c = (Conn) k.attachment();
                if (k.isWritable()) {
                    c.ch.write(c.out);
                    if (!c.out.hasRemaining()) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                    continue;
                }
                int n = c.ch.read(c.in);
                if (n < 0) {
                    throw new IOException("server closed a connection early");
                }
                if (c.in.hasRemaining()) {
                    continue;
                }
                c.in.flip();
                c.out.rewind();
                if (!c.in.equals(c.out)) {
                    throw new IOException("echo mismatch");
                }
                bytes += c.in.limit();
                c.in.clear();
                if (--c.roundsLeft == 0) {
                    active--;
                    k.cancel();
                    c.ch.close();
                    continue;
                }
                c.ch.write(c.out);
                if (c.out.hasRemaining()) {
                    k.interestOps(SelectionKey.OP_WRITE);
                }
            }
            selector.selectedKeys().clear();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        selector.close();
        System.out.printf("{\"seconds\": %.6f, \"round_trips\": %d, \"bytes\": %d}%n", seconds,
                (long) clients * rounds, bytes);
    }
}
