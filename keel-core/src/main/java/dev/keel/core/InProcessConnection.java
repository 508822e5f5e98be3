package dev.keel.core;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Connector;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.MessageSink;
import dev.keel.jsonrpc.JsonRpcCodec;

/**
 * A client's connection to a server in the same JVM, with no transport in between: every message the
 * client {@linkplain #send sends} goes straight into a channel of the server's engine, and every message
 * the server sends is handed to the consumer given to {@link #open}. The engine decodes, answers and
 * schedules these messages exactly as it does those a stdio process sends, so a client and its tests
 * see the engine as a transport shows it, without sockets, pipes or threads of their own.
 *
 * <pre>{@code
 * try (InProcessConnection connection = InProcessConnection.open(server, message -> received.add(message))) {
 *     connection.send(request);
 * }
 * }</pre>
 *
 * <p>Messages are the bytes of one JSON-RPC message or batch each, unframed. The client's library
 * adapts this class to its own connection type ({@code keel-client} does not depend on the engine).
 *
 * <p>Threading: {@link #send} may be called from any thread; it answers invalid input and handles
 * notifications on the calling thread, and runs each request on a virtual thread of its own, so it
 * never waits for a handler. The consumer is called from whichever thread the engine answers on (a
 * request's thread, its deadline's timer, the sending thread for invalid input), possibly from several
 * at once: it must be thread-safe, and should hand messages on rather than block.
 */
public final class InProcessConnection implements AutoCloseable {

    private final Channel channel;
    private final MessageSink toClient;
    private final JsonRpcCodec codec;

    private InProcessConnection(Connector connector, MessageSink toClient, Map<CallContext.Key<?>, Object> attributes) {
        this.channel = connector.open(toClient, attributes);
        this.toClient = toClient;
        this.codec = connector.codec();
    }

    /** Opens a connection to {@code server} whose messages go to {@code toClient}. */
    public static InProcessConnection open(McpServer server, Consumer<byte[]> toClient) {
        return open(server, toClient, Map.of());
    }

    /**
     * As {@link #open(McpServer, Consumer)}, with attributes every request of the connection carries in
     * its {@link CallContext}, as a transport passes what it knows about its connection.
     */
    public static InProcessConnection open(McpServer server, Consumer<byte[]> toClient,
            Map<CallContext.Key<?>, Object> attributes) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(toClient, "toClient");
        return new InProcessConnection(server.connector(), toClient::accept, Map.copyOf(attributes));
    }

    /**
     * Hands one message (or batch) to the server. The array becomes the engine's: the caller must not
     * change it afterwards. After {@link #close()}, messages are dropped.
     */
    public void send(byte[] message) {
        channel.receive(Inbound.of(codec.decode(Objects.requireNonNull(message, "message")), toClient));
    }

    /** Cancels the connection's running requests, ends its legacy session if it opened one, and stops taking messages. */
    @Override
    public void close() {
        channel.close();
    }
}
