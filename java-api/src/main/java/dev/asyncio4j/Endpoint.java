package dev.asyncio4j;

import java.util.Objects;

/**
 * The {@code (transport, protocol)} pair of Python's {@code loop.create_connection}.
 *
 * <p>Immutable; the transport and protocol belong to the connection's loop.
 *
 * @param transport the connection's transport
 * @param protocol the protocol the factory made for it
 * @param <P> the protocol type
 */
public record Endpoint<P extends Protocol>(Transport transport, P protocol) {
    /**
     * Checks the parts.
     *
     * @param transport the connection's transport
     * @param protocol the protocol the factory made for it
     * @throws NullPointerException if either is null
     */
    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(protocol, "protocol");
    }
}
