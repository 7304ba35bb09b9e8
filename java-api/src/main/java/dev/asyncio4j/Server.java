package dev.asyncio4j;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Python's {@code asyncio.Server}: listening sockets of one loop, from {@link Asyncio#startServer} or
 * {@link EventLoop#createServer}. A server accepts connections from the moment it was created.
 *
 * <p><b>Threading.</b> Loop-confined: use it on its loop. From another thread, hand the call to the loop
 * ({@code loop.callSoonThreadsafe(server::close)}).
 *
 * <pre>{@code
 * Server server = Asyncio.await(Asyncio.startServer(handler, "127.0.0.1", 0));
 * int port = server.sockets().get(0).getPort();
 * Asyncio.await(server.serveForever());   // until cancelled; then the server closes
 * }</pre>
 */
public interface Server extends AutoCloseable {
    /**
     * Stops listening. Connections already accepted stay open (see {@link #closeClients()}). Idempotent.
     */
    @Override
    void close();

    /**
     * Waits until the server is closed and every connection it accepted is gone (Python 3.12.1+ semantics).
     *
     * @return a Future done then
     */
    Future<Void> waitClosed();

    /**
     * Whether the server is accepting connections.
     *
     * @return {@code true} until {@link #close()}
     */
    boolean isServing();

    /**
     * The addresses the server listens on, with port 0 resolved to the port the system chose.
     *
     * @return the addresses, empty once closed
     */
    List<InetSocketAddress> sockets();

    /**
     * Serves until cancelled (Python's {@code serve_forever}). Cancelling the returned Future closes the server
     * and waits for {@link #waitClosed()} before it ends cancelled.
     *
     * @return a Future that ends only cancelled, or failed when the server was already closed or is already
     *         served forever ({@link IllegalStateException})
     */
    Future<Void> serveForever();

    /** Closes every connection the server accepted (flushing their buffers), as Python 3.13's {@code close_clients}. */
    void closeClients();

    /** Aborts every connection the server accepted (dropping their buffers), as Python 3.13's {@code abort_clients}. */
    void abortClients();
}
