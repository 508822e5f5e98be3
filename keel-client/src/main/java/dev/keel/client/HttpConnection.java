package dev.keel.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import dev.keel.jsonrpc.JsonRpcError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Connection} over Streamable HTTP that behaves as real clients do: a 2026-07-28
 * message is POSTed with {@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name} and the
 * {@code Mcp-Param-*} headers of the tool's {@code x-mcp-header} arguments (learnt from the
 * {@code tools/list} results it sees), and cancelling it closes its POST; a legacy session sends
 * {@code Mcp-Session-Id} and {@code MCP-Protocol-Version}, keeps a GET stream open once initialized,
 * cancels with {@code notifications/cancelled}, and is ended with DELETE on close. Responses are read
 * as JSON or as SSE; a status without a JSON body becomes a JSON-RPC error for the request, carrying
 * the status in its message.
 */
public final class HttpConnection implements Connection {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";

    private final URI endpoint;
    private final HttpClient http;
    private final Map<String, String> extraHeaders;
    private volatile Consumer<byte[]> consumer;
    private volatile String sessionId;
    private volatile String sessionVersion;
    private volatile BodyReader standaloneBody;
    /** The bodies of running 2026-07-28 POSTs by request id (JSON text), to close on cancellation. */
    private final Map<String, BodyReader> openBodies = new ConcurrentHashMap<>();
    /** 2026-07-28 requests the client cancelled. */
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    /** Tool name to its header name → argument name, from tools/list results. */
    private final Map<String, Map<String, String>> paramHeaders = new ConcurrentHashMap<>();
    /** Ids of tools/list requests in flight. */
    private final Map<String, Boolean> toolLists = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HttpConnection(URI endpoint, Map<String, String> extraHeaders) {
        this.endpoint = endpoint;
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The legacy session id the server gave, if any. */
    public String sessionId() {
        return sessionId;
    }

    @Override
    public void start(Consumer<byte[]> onMessage) {
        this.consumer = onMessage;
    }

    @Override
    public void send(byte[] message) {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (RuntimeException e) {
            node = null;  // not JSON: sent as it is, for tests of bad input
        }
        String method = node != null && node.isObject() ? node.path("method").asString(null) : null;
        JsonNode id = node != null && node.isObject() ? node.get("id") : null;
        String modernVersion = node != null ? node.path("params").path("_meta").path(PROTOCOL_VERSION_KEY).asString(null) : null;
        if ("notifications/cancelled".equals(method) && modernVersion != null) {
            // 2026-07-28 over HTTP: cancelling is closing the request's stream
            String target = node.path("params").path("requestId").toString();
            cancelled.add(target);  // a response yet to begin is closed as soon as it does
            BodyReader body = openBodies.remove(target);
            if (body != null) {
                body.cancel();
            }
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message));
        extraHeaders.forEach(request::header);
        if (modernVersion != null) {
            mirror(request, node, method, modernVersion);
        } else if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
            if (sessionVersion != null && sessionVersion.compareTo("2025-06-18") >= 0) {
                request.header("MCP-Protocol-Version", sessionVersion);
            }
        }
        String key = id == null || id.isNull() ? null : id.toString();
        if ("tools/list".equals(method) && key != null) {
            toolLists.put(key, Boolean.TRUE);
        }
        boolean initialize = "initialize".equals(method);
        boolean initialized = "notifications/initialized".equals(method);
        var sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        if (initialized) {
            // the session's GET stream is open before anything else is sent: a server may put its own
            // requests (an elicitation, say) on it, and would have nowhere to send them before it exists
            exchange(sent, null, false, false);
            openStandaloneStream();
            return;
        }
        Thread.ofVirtual().name("keel-client-http-post").start(() -> {
            try {
                exchange(sent, key, modernVersion != null, initialize);
            } finally {
                if (key != null) {
                    openBodies.remove(key);
                    cancelled.remove(key);
                }
            }
        });
    }

    /** The 2026-07-28 headers that mirror the body. */
    private void mirror(HttpRequest.Builder request, JsonNode node, String method, String version) {
        request.header("MCP-Protocol-Version", version);
        if (method == null) {
            return;
        }
        request.header("Mcp-Method", method);
        JsonNode params = node.path("params");
        String name = switch (method) {
            case "tools/call", "prompts/get" -> params.path("name").asString(null);
            case "resources/read" -> params.path("uri").asString(null);
            default -> null;
        };
        if (name != null) {
            request.header("Mcp-Name", headerValue(name));
        }
        if ("tools/call".equals(method) && name != null) {
            Map<String, String> headers = paramHeaders.getOrDefault(name, Map.of());
            JsonNode arguments = params.path("arguments");
            headers.forEach((header, argument) -> {
                JsonNode value = arguments.get(argument);
                if (value != null && !value.isNull()) {
                    request.header("Mcp-Param-" + header, headerValue(value.isString() ? value.asString() : value.toString()));
                }
            });
        }
    }

    /** A header value as the spec has it: plain visible ASCII, else the Base64 sentinel. */
    static String headerValue(String value) {
        boolean plain = !value.isEmpty() && !Character.isWhitespace(value.charAt(0))
                && !Character.isWhitespace(value.charAt(value.length() - 1))
                && !(value.startsWith("=?base64?") && value.endsWith("?="));
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c <= 0x7E;
        }
        return plain ? value : "=?base64?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private void exchange(CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent,
            String key, boolean modern, boolean initialize) {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = sent.get();
        } catch (ExecutionException e) {
            if (key != null && !closed) {
                deliverError(key, "the POST failed: " + e.getCause());
            }
            return;
        } catch (InterruptedException | CancellationException e) {
            return;
        }
        if (initialize) {
            response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        boolean events = contentType.startsWith("text/event-stream");
        boolean json = contentType.startsWith("application/json");
        BodyReader reader = new BodyReader(events, key, this::deliver);
        if (key != null && modern) {
            openBodies.put(key, reader);
        }
        response.body().subscribe(reader);
        if (key != null && modern && cancelled.remove(key)) {
            reader.cancel();  // cancelled before the response began: closing it is the cancellation
        }
        reader.await();
        if (key != null && response.statusCode() >= 300 && !reader.answered()) {
            // a refusal that names no request (a legacy server's 400 for a POST without a session, say)
            // still ends this one, or the client would wait for an answer that never comes
            JsonNode error = reader.unaddressedError();
            if (error != null) {
                deliverError(key, error.path("code").asInt(JsonRpcError.INTERNAL_ERROR),
                        "HTTP " + response.statusCode() + ": " + error.path("message").asString(""));
            } else {
                deliverError(key, "HTTP " + response.statusCode() + " without a JSON-RPC " + (json || events
                        ? "answer to the request" : "body"));
            }
        }
    }

    private void openStandaloneStream() {
        String id = sessionId;
        if (id == null || closed) {
            return;
        }
        HttpRequest.Builder get = HttpRequest.newBuilder(endpoint).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", id);
        if (sessionVersion != null && sessionVersion.compareTo("2025-06-18") >= 0) {
            get.header("MCP-Protocol-Version", sessionVersion);
        }
        extraHeaders.forEach(get::header);
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                    http.send(get.build(), HttpResponse.BodyHandlers.ofPublisher());
            BodyReader reader = new BodyReader(response.statusCode() == 200, null, this::deliver);
            standaloneBody = reader;
            response.body().subscribe(reader);
            if (closed) {
                reader.cancel();
            }
        } catch (IOException | InterruptedException e) {
            // the server is gone or the client closing
        }
    }

    /** Hands {@code message} to the client; returns it parsed, or {@code null} if it is not JSON. */
    private JsonNode deliver(byte[] message) {
        JsonNode node = null;
        try {
            node = JSON.readTree(message);
            if (node.isObject() && node.has("result")) {
                learn(node);
            }
        } catch (RuntimeException e) {
            // not for us to judge: the client reports what is wrong
        }
        Consumer<byte[]> c = consumer;
        if (c != null) {
            c.accept(message);
        }
        return node;
    }

    /** Learns the session's version from an initialize result and x-mcp-header annotations from tools/list. */
    private void learn(JsonNode response) {
        JsonNode result = response.get("result");
        if (result.has("protocolVersion") && result.has("serverInfo")) {
            sessionVersion = result.get("protocolVersion").asString();
        }
        String key = response.path("id").toString();
        if (toolLists.remove(key) != null && result.path("tools").isArray()) {
            for (JsonNode tool : result.get("tools")) {
                Map<String, String> headers = new LinkedHashMap<>();
                JsonNode properties = tool.path("inputSchema").path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    JsonNode header = property.getValue().get("x-mcp-header");
                    if (header != null && header.isString()) {
                        headers.put(header.asString(), property.getKey());
                    }
                }
                paramHeaders.put(tool.path("name").asString(), headers);
            }
        }
    }

    private void deliverError(String key, String message) {
        deliverError(key, JsonRpcError.INTERNAL_ERROR, message);
    }

    private void deliverError(String key, int code, String message) {
        String error = "{\"jsonrpc\":\"2.0\",\"id\":" + key + ",\"error\":{\"code\":" + code + ",\"message\":"
                + JSON.writeValueAsString(message) + "}}";
        Consumer<byte[]> c = consumer;
        if (c != null) {
            c.accept(error.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        openBodies.values().forEach(BodyReader::cancel);
        BodyReader standalone = standaloneBody;
        if (standalone != null) {
            standalone.cancel();
        }
        String id = sessionId;
        if (id != null) {
            try {
                http.send(HttpRequest.newBuilder(endpoint).DELETE().header("Mcp-Session-Id", id).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException e) {
                // the server is gone; nothing to end
            }
        }
        http.close();
    }
}
