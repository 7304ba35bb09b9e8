package dev.asyncio4j;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of Python's {@code open_connection}, {@code start_server}, {@code create_connection} and
 * {@code create_server}: an immutable value built from {@link #defaults()} with {@code with...} methods.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * StreamOptions tls = StreamOptions.defaults().withSsl(SSLContext.getDefault()).withLimit(1 << 20);
 * }</pre>
 */
public final class StreamOptions {
    /** The default buffer limit of {@link StreamReader}: 64 KiB, as Python's {@code _DEFAULT_LIMIT}. */
    public static final int DEFAULT_LIMIT = 65_536;

    private static final StreamOptions DEFAULTS = new StreamOptions(DEFAULT_LIMIT, null, null, 60.0, 100, false);

    private final int limit;
    private final SSLContext ssl;
    private final String serverHostname;
    private final double sslHandshakeTimeout;
    private final int backlog;
    private final boolean reusePort;

    private StreamOptions(int limit, SSLContext ssl, String serverHostname, double sslHandshakeTimeout, int backlog,
            boolean reusePort) {
        this.limit = limit;
        this.ssl = ssl;
        this.serverHostname = serverHostname;
        this.sslHandshakeTimeout = sslHandshakeTimeout;
        this.backlog = backlog;
        this.reusePort = reusePort;
    }

    /**
     * Plain TCP, limit 64 KiB, TLS handshake timeout 60 s, backlog 100, no {@code SO_REUSEPORT}.
     *
     * @return the defaults
     */
    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The buffer limit of the connection's {@link StreamReader} ({@code readLine}/{@code readUntil} refuse longer
     * lines; reading pauses when twice this much is buffered).
     *
     * @param limit bytes, at least 1
     * @return a copy with the limit
     * @throws IllegalArgumentException when {@code limit <= 0}
     */
    public StreamOptions withLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: pass a positive number of bytes (default "
                    + DEFAULT_LIMIT + ")");
        }
        return new StreamOptions(limit, ssl, serverHostname, sslHandshakeTimeout, backlog, reusePort);
    }

    /**
     * TLS over the connection. A client verifies the server's certificate chain against the context's trust
     * managers and the host name against the certificate (endpoint identification {@code "HTTPS"}), and sends the
     * host name as SNI; a server presents the context's key.
     *
     * @param context the TLS context, for example {@code SSLContext.getDefault()}
     * @return a copy with TLS
     * @throws NullPointerException if {@code context} is null (use {@link #defaults()} for plain TCP)
     */
    public StreamOptions withSsl(SSLContext context) {
        Objects.requireNonNull(context, "context: for plain TCP start from StreamOptions.defaults()");
        return new StreamOptions(limit, context, serverHostname, sslHandshakeTimeout, backlog, reusePort);
    }

    /**
     * The name a TLS client sends as SNI and checks the server's certificate against, instead of the host it
     * connects to (Python's {@code server_hostname}). The empty string turns both off, as in Python.
     *
     * @param hostname the name
     * @return a copy with the name
     * @throws NullPointerException if {@code hostname} is null
     */
    public StreamOptions withServerHostname(String hostname) {
        Objects.requireNonNull(hostname, "hostname: pass the expected name, or \"\" to turn host name checks off");
        return new StreamOptions(limit, ssl, hostname, sslHandshakeTimeout, backlog, reusePort);
    }

    /**
     * How long the TLS handshake may take before the connection is aborted.
     *
     * @param seconds a positive number of seconds (default 60)
     * @return a copy with the timeout
     * @throws IllegalArgumentException unless positive and finite
     */
    public StreamOptions withSslHandshakeTimeout(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("ssl_handshake_timeout should be a positive number, got " + seconds);
        }
        return new StreamOptions(limit, ssl, serverHostname, seconds, backlog, reusePort);
    }

    /**
     * The listen backlog of a server.
     *
     * @param backlog the queue length the system may keep (default 100; 0 lets the system choose)
     * @return a copy with the backlog
     * @throws IllegalArgumentException when negative
     */
    public StreamOptions withBacklog(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog cannot be negative: pass 0 or more (default 100), got "
                    + backlog);
        }
        return new StreamOptions(limit, ssl, serverHostname, sslHandshakeTimeout, backlog, reusePort);
    }

    /**
     * {@code SO_REUSEPORT} on a server's sockets, where the platform supports it.
     *
     * @param reusePort whether to set it
     * @return a copy with the flag
     */
    public StreamOptions withReusePort(boolean reusePort) {
        return new StreamOptions(limit, ssl, serverHostname, sslHandshakeTimeout, backlog, reusePort);
    }

    /**
     * The reader buffer limit.
     *
     * @return bytes
     */
    public int limit() {
        return limit;
    }

    /**
     * The TLS context.
     *
     * @return the context, or {@code null} for plain TCP
     */
    public SSLContext ssl() {
        return ssl;
    }

    /**
     * The SNI and verification name set with {@link #withServerHostname(String)}.
     *
     * @return the name, or {@code null} to use the host connected to
     */
    public String serverHostname() {
        return serverHostname;
    }

    /**
     * The TLS handshake timeout.
     *
     * @return seconds
     */
    public double sslHandshakeTimeout() {
        return sslHandshakeTimeout;
    }

    /**
     * The listen backlog.
     *
     * @return the backlog
     */
    public int backlog() {
        return backlog;
    }

    /**
     * Whether servers set {@code SO_REUSEPORT}.
     *
     * @return the flag
     */
    public boolean reusePort() {
        return reusePort;
    }

    @Override
    public String toString() {
        return "StreamOptions[limit=" + limit + ", ssl=" + (ssl != null ? ssl.getProtocol() : "none")
                + ", serverHostname=" + serverHostname + ", sslHandshakeTimeout=" + sslHandshakeTimeout
                + ", backlog=" + backlog + ", reusePort=" + reusePort + "]";
    }
}
