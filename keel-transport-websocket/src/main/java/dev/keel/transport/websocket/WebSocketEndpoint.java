package dev.keel.transport.websocket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.TransportAttributes;
import dev.keel.core.spi.Channel;
import dev.keel.transport.http.HttpTransport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.thread.Scheduler;
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
 * JSON-RPC message. The upgrade is refused with 403 for an origin or host the HTTP transport refuses.
 * Frames larger than the maximum close the socket with 1009; binary frames close it with 1003. The
 * server pings every ping interval and closes a socket whose peer has not answered for two; writes
 * block while the peer is slow to read, so a slow reader holds back only its own requests.
 */
public final class WebSocketEndpoint implements HttpTransport.Mount {

    private static final System.Logger LOG = System.getLogger("dev.keel.transport.websocket");

    private final int maxMessageBytes;
    private final Duration idleTimeout;
    private final Duration pingInterval;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    private WebSocketEndpoint(Builder builder) {
        this.maxMessageBytes = builder.maxMessageBytes;
        this.idleTimeout = builder.idleTimeout;
        this.pingInterval = builder.pingInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Handler create(String path, Server jetty, McpServer server, HttpTransport.Guards guards) {
        Scheduler scheduler = jetty.getScheduler();
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, container -> {
            container.setMaxTextMessageSize(maxMessageBytes);
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(idleTimeout);
            container.addMapping(path, (request, response, callback) -> {
                String origin = request.getHeaders().get(HttpHeader.ORIGIN);
                if (!guards.allows(origin, request.getHeaders().get(HttpHeader.HOST))) {
                    Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                            "origin '" + origin + "' or host is not allowed to call this server");
                    return null;
                }
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
                return new Connection(server, attributes, scheduler);
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

    /** Closes every socket with 1001 (going away), after cancelling what runs on it. */
    /** The upgrade does not block, and a socket's messages are handed to the engine's own threads. */
    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void stop() {
        for (Connection connection : open) {
            connection.close(StatusCode.SHUTDOWN, "the server is stopping");
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
        private final Scheduler scheduler;
        private final ReentrantLock writeLock = new ReentrantLock();
        private volatile Session session;
        private volatile Channel channel;
        private volatile long lastHeard = System.nanoTime();
        private volatile Scheduler.Task pinger;

        Connection(McpServer server, Map<CallContext.Key<?>, Object> attributes, Scheduler scheduler) {
            this.server = server;
            this.attributes = attributes;
            this.scheduler = scheduler;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            channel = server.openChannel(this::send, attributes);
            open.add(this);
            schedulePing();
        }

        @Override
        public void onWebSocketText(String message) {
            lastHeard = System.nanoTime();
            Channel c = channel;
            if (c != null) {
                c.receive(message.getBytes(StandardCharsets.UTF_8));
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

        /** Writes one message, waiting until the peer has taken it: a slow reader slows only its own requests. */
        private void send(byte[] message) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            writeLock.lock();
            try (Blocker.Callback done = Blocker.callback()) {
                s.sendText(new String(message, StandardCharsets.UTF_8),
                        Callback.from(done::succeeded, done::failed));
                done.block();
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Dropping a message to a closed WebSocket: {0}", e.toString());
            } finally {
                writeLock.unlock();
            }
        }

        private void schedulePing() {
            pinger = scheduler.schedule(() -> {
                Session s = session;
                if (s == null || !s.isOpen()) {
                    return;
                }
                if (System.nanoTime() - lastHeard > 2 * pingInterval.toNanos()) {
                    close(StatusCode.SHUTDOWN, "no answer to pings");
                    return;
                }
                s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
                schedulePing();
            }, pingInterval.toMillis(), TimeUnit.MILLISECONDS);
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
                Scheduler.Task task = pinger;
                if (task != null) {
                    task.cancel();
                }
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
