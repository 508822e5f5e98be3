package dev.keel.transport.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Channel;
import dev.keel.core.spi.Inbound;
import dev.keel.core.spi.MessageSink;
import dev.keel.core.spi.OutboundQueue;
import dev.keel.core.spi.Timers;
import dev.keel.transport.http.Mount;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * MCP over WebSocket (the seed guide's {@code /mcp/ws}), mounted beside the Streamable HTTP endpoint:
 *
 * <pre>{@code
 * HttpTransport http = HttpTransport.builder()
 *         .mount("/mcp/ws", WebSocketEndpoint.builder().build())
 *         .build();
 * }</pre>
 *
 * <p>Each socket is one connection of the engine (like a stdio process: legacy sessions or stateless
 * 2026-07-28 requests, cancellation by {@code notifications/cancelled}); each text frame carries one
 * JSON-RPC message. The HTTP transport's guard refuses the upgrade (403) for an origin or host it
 * refuses elsewhere. Frames larger than the maximum close the socket with 1009; binary frames close
 * it with 1003. The server pings every ping interval and closes a socket whose peer has not answered
 * for two.
 *
 * <p>Writing never waits: each socket queues its messages ({@link OutboundQueue}) and Jetty sends them
 * one after the other asynchronously. A peer that stops reading lets its queue fill up or a send
 * outlast the write timeout; its socket is then dropped and its requests cancelled, while every other
 * socket, and Jetty's threads, carry on.
 */
public final class WebSocketEndpoint implements Mount {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.websocket");

    private final int maxMessageBytes;
    private final Duration idleTimeout;
    private final Duration pingInterval;
    private final long maxQueuedBytes;
    private final Duration writeTimeout;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    private WebSocketEndpoint(Builder builder) {
        this.maxMessageBytes = builder.maxMessageBytes;
        this.idleTimeout = builder.idleTimeout;
        this.pingInterval = builder.pingInterval;
        this.maxQueuedBytes = builder.maxQueuedBytes;
        this.writeTimeout = builder.writeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Handler create(Mount.Context context) {
        McpServer server = context.server();
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(context.jetty(), container -> {
            container.setMaxTextMessageSize(maxMessageBytes);
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(idleTimeout);
            container.addMapping(context.path(), (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                Map<CallContext.Key<?>, Object> attributes = new HashMap<>();
                attributes.put(TransportAttributes.TRANSPORT, "websocket");
                if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress inet) {
                    attributes.put(TransportAttributes.REMOTE_ADDRESS, inet);
                }
                String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                if (authorization != null) {
                    attributes.put(TransportAttributes.AUTHORIZATION, authorization);
                }
                if (origin != null) {
                    attributes.put(TransportAttributes.ORIGIN, origin);
                }
                return new Connection(server, attributes, context.timers());
            });
        });
        upgrade.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response,
                    org.eclipse.jetty.util.Callback callback) {
                Response.writeError(request, response, callback, HttpStatus.UPGRADE_REQUIRED_426,
                        "this endpoint speaks WebSocket: send an upgrade request");
                return true;
            }
        });
        return upgrade;
    }

    /** The upgrade does not block, and a socket's messages are handed to the engine's own threads. */
    @Override
    public boolean blocking() {
        return false;
    }

    /** Closes every socket with 1001 (going away), after cancelling what runs on it. */
    @Override
    public void stop() {
        long now = System.nanoTime();
        for (Connection connection : open) {
            // a peer that is not reading would never take a close frame: it is dropped instead
            if (!connection.out.failIfWritingLongerThan(now, TimeUnit.MILLISECONDS.toNanos(100))) {
                connection.close(StatusCode.SHUTDOWN, "the server is stopping");
            }
        }
    }

    /** How many sockets are open. */
    public int openSockets() {
        return open.size();
    }

    /**
     * One socket: a channel of the engine, fed by text frames, writing one frame per message. Public
     * only because Jetty calls its listener methods reflectively.
     */
    public final class Connection implements Session.Listener.AutoDemanding {
        private final McpServer server;
        private final Map<CallContext.Key<?>, Object> attributes;
        private final Timers timers;
        private final OutboundQueue out;
        private final MessageSink sink;
        private volatile Session session;
        private volatile Channel channel;
        private volatile long lastHeard = System.nanoTime();
        private volatile ScheduledFuture<?> pinger;

        Connection(McpServer server, Map<CallContext.Key<?>, Object> attributes, Timers timers) {
            this.server = server;
            this.attributes = attributes;
            this.timers = timers;
            this.out = new OutboundQueue(this::write, maxQueuedBytes, writeTimeout, this::stalled);
            this.sink = out::offer;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            channel = server.connector().open(sink, attributes);
            open.add(this);
            pinger = timers.every(pingInterval, this::ping);
        }

        @Override
        public void onWebSocketText(String message) {
            lastHeard = System.nanoTime();
            Channel c = channel;
            if (c != null) {
                c.receive(Inbound.of(server.codec().decode(message.getBytes(StandardCharsets.UTF_8)), sink));
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            callback.succeed();
            close(StatusCode.BAD_DATA, "MCP over WebSocket takes text frames, one JSON-RPC message each");
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            lastHeard = System.nanoTime();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            ended();
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket failed: {0}", cause.toString());
            ended();
        }

        /** Sends one queued message as a text frame; Jetty completes {@code done} once it is out. */
        private void write(byte[] message, OutboundQueue.Completion done) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                done.failed(new IOException("the WebSocket is closed"));
                return;
            }
            s.sendText(new String(message, StandardCharsets.UTF_8), Callback.from(done::succeeded, done::failed));
        }

        /** The peer stopped reading (or the socket failed): drop it without a handshake it would not read. */
        private void stalled(IOException cause) {
            LOG.log(System.Logger.Level.DEBUG, "Dropping a WebSocket: {0}", cause.getMessage());
            Session s = session;
            if (s != null) {
                s.disconnect();
            }
            ended();
        }

        /** On the transport's timer: never waits. */
        private void ping() {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            long now = System.nanoTime();
            if (out.checkWriteTimeout(now)) {
                return;
            }
            if (now - lastHeard > 2 * pingInterval.toNanos()) {
                close(StatusCode.SHUTDOWN, "no answer to pings");
                return;
            }
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }

        private void close(int code, String reason) {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.close(code, reason, Callback.NOOP);
            }
            ended();
        }

        private void ended() {
            if (open.remove(this)) {
                ScheduledFuture<?> task = pinger;
                if (task != null) {
                    task.cancel(false);
                }
                out.close();
                Channel c = channel;
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    /** Builds a {@link WebSocketEndpoint}. */
    public static final class Builder {
        private int maxMessageBytes = 4 << 20;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration pingInterval = Duration.ofSeconds(30);
        private long maxQueuedBytes = 8L << 20;
        private Duration writeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The largest text frame (one message) accepted; larger ones close the socket with 1009. Default 4 MiB. */
        public Builder maxMessageBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageBytes must be positive, not " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** How long a socket may carry nothing before it is closed; default 5 min. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = requirePositive(timeout, "idleTimeout");
            return this;
        }

        /** How often the server pings; a peer silent for two intervals is closed. Default 30 s. */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = requirePositive(interval, "pingInterval");
            return this;
        }

        /**
         * The most bytes that may wait to be sent to one socket behind the frame being sent; a peer that
         * lets more pile up is not reading, and its socket is dropped. Default 8 MiB.
         */
        public Builder maxQueuedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedBytes must be positive, not " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /** The longest one frame may wait for the peer to read it before the socket is dropped; default 30 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = requirePositive(timeout, "writeTimeout");
            return this;
        }

        public WebSocketEndpoint build() {
            return new WebSocketEndpoint(this);
        }

        private static Duration requirePositive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, not " + d);
            }
            return d;
        }
    }
}
