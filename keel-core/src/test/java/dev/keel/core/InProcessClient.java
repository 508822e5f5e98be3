package dev.keel.core;

import java.time.Duration;
import java.util.function.Consumer;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.spec.ProtocolVersion;

/**
 * keel-client's {@link McpClient} on {@link InProcessConnection}: how the engine's tests speak to a
 * server as a client does, with no transport in between.
 */
final class InProcessClient implements Connection {

    private final McpServer server;
    private volatile InProcessConnection connection;

    private InProcessClient(McpServer server) {
        this.server = server;
    }

    /** What the engine's tests declare: a name, and ten seconds per answer. */
    static ClientOptions options() {
        return ClientOptions.named("core-test", "1.0.0").withTimeout(Duration.ofSeconds(10));
    }

    /** A 2026-07-28 client of {@code server}. */
    static McpClient connect(McpServer server) {
        return connect(server, options().withVersion(ProtocolVersion.V2026_07_28));
    }

    /** A client of {@code server} speaking {@code version}; a legacy one has initialized its session. */
    static McpClient connect(McpServer server, ProtocolVersion version) {
        return connect(server, options().withVersion(version));
    }

    /** A client of {@code server} with {@code options}; a legacy one has initialized its session. */
    static McpClient connect(McpServer server, ClientOptions options) {
        McpClient client = McpClient.open(new InProcessClient(server), options);
        if (!client.protocolVersion().isModern()) {
            client.initialize();
        }
        return client;
    }

    @Override
    public void start(Consumer<byte[]> onMessage) {
        connection = InProcessConnection.open(server, onMessage);
    }

    @Override
    public void send(byte[] message) {
        connection.send(message);
    }

    @Override
    public void close() {
        InProcessConnection open = connection;
        if (open != null) {
            open.close();
        }
    }
}
