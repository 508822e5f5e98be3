package dev.keel.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.PendingRequests;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CancelledNotificationParams;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's side of the JSON-RPC conversation over one {@link Connection}: it mints request ids,
 * keeps the requests awaiting their response, adds the 2026-07-28 {@code _meta} to requests, and routes
 * what the server sends: responses to their requests, progress to its listener, every notification to
 * the options' listener, and each server request to {@link Answers} on a virtual thread of its own (the
 * thread that delivers it may be the one the server waits on). Thread-safe.
 */
final class Wire {

    private final Connection connection;
    private final ClientOptions options;
    private final Answers answers;
    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final PendingRequests pending = new PendingRequests();
    private final Map<String, Consumer<JsonNode>> progress = new ConcurrentHashMap<>();
    private final AtomicLong progressTokens = new AtomicLong();
    private volatile ProtocolVersion version;

    Wire(Connection connection, ClientOptions options) {
        this.connection = connection;
        this.options = options;
        this.answers = new Answers(options);
        this.version = options.version().orElse(ProtocolVersion.LATEST);
    }

    JsonRpcCodec codec() {
        return codec;
    }

    ClientOptions options() {
        return options;
    }

    Answers answers() {
        return answers;
    }

    ProtocolVersion version() {
        return version;
    }

    void version(ProtocolVersion negotiated) {
        this.version = negotiated;
    }

    Duration timeout() {
        return options.timeout();
    }

    /** Starts taking the server's messages. */
    void start() {
        connection.start(this::receive);
    }

    // ------------------------------------------------------------------ outbound

    /**
     * Sends a request and returns at once. With {@code meta}, a 2026-07-28 request gets the protocol
     * version, client capabilities and client info in {@code params._meta}, where not there already.
     */
    PendingRequest send(String method, JsonNode params, boolean meta) {
        Object body = meta ? withMeta(params) : params;
        RequestId id = pending.next();
        CompletableFuture<Response> response = pending.register(id);
        try {
            connection.send(codec.encode(new Request(id, method, body)));
        } catch (RuntimeException e) {
            pending.abandon(id);
            throw e;
        }
        return new PendingRequest(this, id, method, response);
    }

    /** {@code params} as the object MCP params are. */
    static ObjectNode object(JsonNode params) {
        if (params instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("params must be a JSON object, not " + params.getNodeType());
    }

    private ObjectNode withMeta(JsonNode params) {
        ObjectNode body = params == null ? codec.mapper().createObjectNode() : object(params);
        if (version.isModern()) {
            ObjectNode meta = body.has("_meta") ? (ObjectNode) body.get("_meta") : body.putObject("_meta");
            if (!meta.has(MetaKeys.PROTOCOL_VERSION)) {
                meta.put(MetaKeys.PROTOCOL_VERSION, version.id());
            }
            if (!meta.has(MetaKeys.CLIENT_CAPABILITIES)) {
                meta.set(MetaKeys.CLIENT_CAPABILITIES, codec.mapper().valueToTree(options.capabilities()));
            }
            if (!meta.has(MetaKeys.CLIENT_INFO)) {
                meta.set(MetaKeys.CLIENT_INFO, codec.mapper().valueToTree(options.clientInfo()));
            }
        }
        return body;
    }

    /** Sends a notification exactly as given. */
    void notify(String method, JsonNode params) {
        connection.send(codec.encode(new Notification(method, params)));
    }

    /**
     * Tells the server that the client gave up on {@code id} (in 2026-07-28 with the protocol version
     * in {@code _meta}, by which an HTTP connection knows to close the request's response instead).
     */
    void cancel(RequestId id, String reason) {
        Map<String, Object> meta = version.isModern() ? Map.of(MetaKeys.PROTOCOL_VERSION, version.id()) : null;
        try {
            connection.send(codec.encode(new Notification(McpMethods.NOTIFICATIONS_CANCELLED,
                    new CancelledNotificationParams(id, reason, meta))));
        } catch (RuntimeException e) {
            // the connection is gone, and with it the request
        }
    }

    void abandon(RequestId id) {
        pending.abandon(id);
    }

    /** Registers a progress listener under a fresh token, which the caller puts into its request's {@code _meta}. */
    String listen(Consumer<JsonNode> onProgress) {
        String token = "progress-" + progressTokens.incrementAndGet();
        progress.put(token, onProgress);
        return token;
    }

    void unlisten(String token) {
        progress.remove(token);
    }

    // ------------------------------------------------------------------ inbound

    private void receive(byte[] bytes) {
        switch (codec.decode(bytes)) {
            case Decoded.Message(JsonRpcMessage message) -> route(message);
            case Decoded.Batch(var items) -> items.forEach(item -> {
                if (item instanceof Decoded.Message(JsonRpcMessage message)) {
                    route(message);
                }
            });
            case Decoded.Invalid invalid -> {
                // not a message: nothing here waits for it, and a server is not answered with errors
            }
        }
    }

    private void route(JsonRpcMessage message) {
        switch (message) {
            case Response response -> pending.complete(response);
            case Notification notification -> {
                if (McpMethods.NOTIFICATIONS_PROGRESS.equals(notification.method()) && notification.rawParams() != null) {
                    JsonNode params = notification.rawParams().tree();
                    Consumer<JsonNode> listener = progress.get(params.path("progressToken").asString(""));
                    if (listener != null) {
                        listener.accept(params);
                    }
                }
                Consumer<Notification> listener = options.notifications();
                if (listener != null) {
                    listener.accept(notification);
                }
            }
            case Request request -> Thread.ofVirtual().name("keel-client-answer").start(() -> {
                Response response = answers.answer(request);
                if (response != null) {
                    try {
                        connection.send(codec.encode(response));
                    } catch (RuntimeException e) {
                        // the connection is gone, and the server's request with it
                    }
                }
            });
        }
    }

    /** Fails every waiting request and ends the connection. */
    void close() {
        pending.failAll(new IllegalStateException("the client closed"));
        connection.close();
    }
}
