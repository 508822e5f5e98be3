package dev.keel.core.spi;

import java.time.Duration;

import dev.keel.core.McpServer;

/**
 * A way to reach an {@link McpServer}: stdio, Streamable HTTP, WebSocket, gRPC, or your own.
 * Implementations open {@link Channel}s on the server and move bytes between them and the wire.
 */
public interface Transport extends AutoCloseable {

    /** Starts serving {@code server}; returns once the transport accepts connections. */
    void start(McpServer server);

    /**
     * Stops accepting, lets running requests finish for up to {@code grace}, cancels the rest and
     * releases the wire.
     */
    void stop(Duration grace);

    /** Stops at once: {@code stop(Duration.ZERO)}. */
    @Override
    default void close() {
        stop(Duration.ZERO);
    }
}
