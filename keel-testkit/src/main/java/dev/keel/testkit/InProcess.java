package dev.keel.testkit;

import java.util.function.Consumer;

import dev.keel.client.Connection;
import dev.keel.core.InProcessConnection;
import dev.keel.core.McpServer;

/** Core's {@link InProcessConnection} as the client library's {@link Connection}: no wire at all. Thread-safe. */
final class InProcess implements Connection {

    private final McpServer server;
    private volatile InProcessConnection connection;

    InProcess(McpServer server) {
        this.server = server;
    }

    @Override
    public void start(Consumer<byte[]> onMessage) {
        connection = InProcessConnection.open(server, onMessage);
    }

    @Override
    public void send(byte[] message) {
        InProcessConnection open = connection;
        if (open == null) {
            throw new IllegalStateException("the connection is not started");
        }
        open.send(message);
    }

    @Override
    public void close() {
        InProcessConnection open = connection;
        if (open != null) {
            open.close();
        }
    }
}
