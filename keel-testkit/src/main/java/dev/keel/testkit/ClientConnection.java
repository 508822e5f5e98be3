package dev.keel.testkit;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import dev.keel.client.Connection;
import dev.keel.core.McpServer;
import dev.keel.core.spi.Channel;

/**
 * How an {@link McpTestClient} reaches a server: in memory, over a pair of byte streams (a stdio
 * process), or over any transport a test provides. One message per {@link #send}; every message the
 * server sends goes to the consumer given to {@link #start}.
 */
public interface ClientConnection extends Connection {

    /** A connection of the client library, as the test kit's type. */
    static ClientConnection of(Connection connection) {
        if (connection instanceof ClientConnection already) {
            return already;
        }
        return new ClientConnection() {
            @Override
            public void start(Consumer<byte[]> onMessage) {
                connection.start(onMessage);
            }

            @Override
            public void send(byte[] message) {
                connection.send(message);
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** A connection straight into {@code server}'s engine, through a channel of its own: no wire at all. */
    static ClientConnection inMemory(McpServer server) {
        return new ClientConnection() {
            private volatile Channel channel;
            private volatile Consumer<byte[]> consumer;

            @Override
            public void start(Consumer<byte[]> onMessage) {
                this.consumer = onMessage;
                this.channel = server.openChannel(message -> consumer.accept(message));
            }

            @Override
            public void send(byte[] message) {
                channel.receive(message);
            }

            @Override
            public void close() {
                if (channel != null) {
                    channel.close();
                }
            }
        };
    }

    /**
     * A connection over Streamable HTTP to the MCP endpoint at {@code endpoint}, for either era (see
     * {@link dev.keel.client.HttpConnection}).
     */
    static ClientConnection http(java.net.URI endpoint) {
        return of(Connection.http(endpoint));
    }

    /** As {@link #http(java.net.URI)}, sending {@code headers} (an {@code Authorization}, say) with every request. */
    static ClientConnection http(java.net.URI endpoint, java.util.Map<String, String> headers) {
        return of(Connection.http(endpoint, headers));
    }

    /** A connection over WebSocket, one message per text frame. */
    static WebSocketClientConnection webSocket(java.net.URI endpoint) {
        return new WebSocketClientConnection(endpoint, java.util.Map.of());
    }

    /** As {@link #webSocket(java.net.URI)}, sending {@code headers} (an {@code Origin}, say) with the upgrade. */
    static WebSocketClientConnection webSocket(java.net.URI endpoint, java.util.Map<String, String> headers) {
        return new WebSocketClientConnection(endpoint, headers);
    }

    /**
     * A connection over newline-delimited JSON: messages to the server are written to {@code toServer}
     * and messages from it read from {@code fromServer}, one per line (the stdio framing).
     */
    static ClientConnection lines(InputStream fromServer, OutputStream toServer) {
        return of(Connection.lines(fromServer, toServer));
    }
}
