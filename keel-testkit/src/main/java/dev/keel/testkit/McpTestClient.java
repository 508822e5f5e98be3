package dev.keel.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.client.PendingRequest;
import dev.keel.core.McpServer;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.DiscoverResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.InitializeResult;
import dev.keel.spec.ListPromptsResult;
import dev.keel.spec.ListResourceTemplatesResult;
import dev.keel.spec.ListResourcesResult;
import dev.keel.spec.ListToolsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.TextContent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client for tests: {@code keel-client}'s {@link McpClient} with shortcuts for assertions, and a
 * raw tap for what no client would send.
 *
 * <p>It speaks 2026-07-28 (the per-request {@code _meta} in every request) or a legacy revision (its
 * session opened with {@code initialize} and {@code notifications/initialized} on connecting), in
 * memory ({@link #connect(McpServer)}, through core's in-process connection) or over any
 * {@link Connection}. Every message the server sends is checked against the official schema of the
 * revision in use ({@link McpSchemas}); the first violation fails the client's next call (and
 * {@link #close()}) with an {@link AssertionError} that quotes the message. Notifications, server
 * requests and the questions of input-required results are recorded. The {@link #raw() raw tap}
 * sends bytes past the client (malformed JSON, oversized lines, batches) and returns the answers the
 * client did not ask for.
 *
 * <p>Thread-safe: tests may issue requests from many threads at once.
 */
public final class McpTestClient implements AutoCloseable {

    private static final JsonRpcCodec CODEC = JsonRpcCodec.create();
    private static final JsonMapper JSON = CODEC.mapper();

    private final McpClient client;
    private final Traffic traffic;
    private final RawTap raw;
    private final Duration timeout;
    private final boolean autoRetry;
    private volatile InitializeResult initializeResult;

    McpTestClient(McpClient client, Traffic traffic, Duration timeout, boolean autoRetry) {
        this.client = client;
        this.traffic = traffic;
        this.raw = new RawTap(traffic, timeout);
        this.timeout = timeout;
        this.autoRetry = autoRetry;
    }

    /** A 2026-07-28 client of {@code server}, in memory. */
    public static McpTestClient connect(McpServer server) {
        return builder().connect(server);
    }

    /** A client of {@code server} in memory speaking {@code version} (legacy revisions initialize first). */
    public static McpTestClient connect(McpServer server, ProtocolVersion version) {
        return builder().version(version).connect(server);
    }

    /** Configures a client. */
    public static TestClientBuilder builder() {
        return new TestClientBuilder();
    }

    /** The raw tap: bytes past the client, and the answers the client did not ask for. */
    public RawTap raw() {
        return raw;
    }

    /** The client this one drives, for what it offers beyond these shortcuts. */
    public McpClient client() {
        return client;
    }

    // ------------------------------------------------------------------ requests

    /** Starts {@code method} (with the era's {@code _meta}) and returns at once; the handle waits for the answer or cancels. */
    public RequestHandle start(String method, Object params) {
        traffic.throwViolations();
        return new RequestHandle(client.send(method, tree(params)));
    }

    /**
     * Sends {@code method} with {@code params} (plus the era's {@code _meta}) and waits for the reply.
     * In 2026-07-28, an input-required result is answered with this client's handlers and the request
     * sent again, with a new id, until it completes (unless {@link TestClientBuilder#autoRetry(boolean)} is off or
     * a question has no answer, when the input-required result is the reply).
     */
    public Reply request(String method, Object params) {
        traffic.throwViolations();
        Response response = autoRetry ? client.request(method, tree(params))
                : client.send(method, tree(params)).response();
        return replyOf(response);
    }

    /** Sends {@code method} exactly as given: no {@code _meta} is added. */
    public Reply requestVerbatim(String method, JsonNode params) {
        traffic.throwViolations();
        return new RequestHandle(client.sendVerbatim(method, params)).reply();
    }

    /** Sends a notification (no {@code _meta} is added). */
    public void notify(String method, Object params) {
        traffic.throwViolations();
        client.notify(method, tree(params));
    }

    /**
     * Cancels a running request with {@code notifications/cancelled} (in 2026-07-28 carrying the
     * protocol version in {@code _meta}, by which HTTP cancels by closing the request's stream instead).
     */
    public void cancel(RequestId id, String reason) {
        traffic.throwViolations();
        client.cancel(id, reason);
    }

    private JsonNode tree(Object params) {
        return params == null ? null : JSON.valueToTree(params);
    }

    private Reply replyOf(Response response) {
        Reply reply = new Reply(JSON.readTree(CODEC.encode(response)));
        traffic.throwViolations();
        return reply;
    }

    // ------------------------------------------------------------------ typed conveniences

    private <T> T call(String method, Object params, Class<T> type) {
        Reply reply = request(method, params);
        if (reply.isError()) {
            throw new RpcError(reply);
        }
        return reply.result(type);
    }

    /** Opens the legacy session ({@code initialize}, {@code notifications/initialized}), as the builder does on connecting. */
    void initialize() {
        initializeResult = client.initialize();
        traffic.throwViolations();
    }

    /** The answer to {@code initialize}, for a legacy client that initialized on connecting. */
    public InitializeResult initializeResult() {
        return initializeResult;
    }

    /** {@code server/discover} (2026-07-28). */
    public DiscoverResult discover() {
        return call(McpMethods.SERVER_DISCOVER, null, DiscoverResult.class);
    }

    /** {@code ping} (legacy). */
    public Reply ping() {
        return request(McpMethods.PING, null);
    }

    /** {@code tools/list}. */
    public ListToolsResult listTools() {
        return call(McpMethods.TOOLS_LIST, null, ListToolsResult.class);
    }

    /** {@code tools/call} of {@code name} with {@code arguments}; a JSON-RPC error throws {@link RpcError}. */
    public ToolResult callTool(String name, Object arguments) {
        return new ToolResult(call(McpMethods.TOOLS_CALL, toolParams(name, arguments), CallToolResult.class));
    }

    /** {@code tools/call} of {@code name}, returning the raw reply (result or error). */
    public Reply callToolReply(String name, Object arguments) {
        return request(McpMethods.TOOLS_CALL, toolParams(name, arguments));
    }

    /** Starts {@code tools/call} of {@code name} and returns at once. */
    public RequestHandle startTool(String name, Object arguments) {
        return start(McpMethods.TOOLS_CALL, toolParams(name, arguments));
    }

    /** Starts {@code tools/call} of {@code name} asking for progress under {@code progressToken}. */
    public RequestHandle startToolWithProgress(String name, Object arguments, Object progressToken) {
        ObjectNode params = toolParams(name, arguments);
        params.putObject("_meta").set(MetaKeys.PROGRESS_TOKEN, JSON.valueToTree(progressToken));
        return start(McpMethods.TOOLS_CALL, params);
    }

    private ObjectNode toolParams(String name, Object arguments) {
        ObjectNode params = JSON.createObjectNode().put("name", name);
        if (arguments != null) {
            params.set("arguments", JSON.valueToTree(arguments));
        }
        return params;
    }

    /** {@code resources/list}. */
    public ListResourcesResult listResources() {
        return call(McpMethods.RESOURCES_LIST, null, ListResourcesResult.class);
    }

    /** {@code resources/templates/list}. */
    public ListResourceTemplatesResult listResourceTemplates() {
        return call(McpMethods.RESOURCES_TEMPLATES_LIST, null, ListResourceTemplatesResult.class);
    }

    /** {@code resources/read} of {@code uri}. */
    public ReadResourceResult readResource(String uri) {
        return call(McpMethods.RESOURCES_READ, Map.of("uri", uri), ReadResourceResult.class);
    }

    /** {@code prompts/list}. */
    public ListPromptsResult listPrompts() {
        return call(McpMethods.PROMPTS_LIST, null, ListPromptsResult.class);
    }

    /** {@code prompts/get} of {@code name} with {@code arguments}. */
    public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
        return call(McpMethods.PROMPTS_GET, Map.of("name", name, "arguments", arguments), GetPromptResult.class);
    }

    // ------------------------------------------------------------------ observations

    /** The revision in use: the requested one for modern clients, the negotiated one for legacy clients. */
    public ProtocolVersion protocolVersion() {
        return client.protocolVersion();
    }

    /** Every notification received so far. */
    public List<JsonNode> notifications() {
        traffic.throwViolations();
        return traffic.notifications();
    }

    /** Every server-to-client request received so far (legacy). */
    public List<JsonNode> serverRequests() {
        return traffic.serverRequests();
    }

    /** Every input request of every input-required result received so far (2026-07-28). */
    public List<JsonNode> inputRequests() {
        return traffic.inputRequests();
    }

    /** Waits until a notification matching {@code filter} has arrived, and returns it. */
    public JsonNode awaitNotification(Predicate<JsonNode> filter) {
        JsonNode notification = traffic.awaitNotification(filter);
        traffic.throwViolations();
        return notification;
    }

    /** Waits until a server-to-client request matching {@code filter} has arrived (legacy), and returns it. */
    public JsonNode awaitServerRequest(Predicate<JsonNode> filter) {
        JsonNode request = traffic.awaitServerRequest(filter);
        traffic.throwViolations();
        return request;
    }

    /** Fails if any message the server sent so far violated its schema. */
    public void assertNoViolations() {
        traffic.throwViolations();
    }

    /** Closes the connection; fails if any server message violated its schema. */
    @Override
    public void close() {
        client.close();
        traffic.throwViolations();
    }

    // ------------------------------------------------------------------ types

    /** A request on its way: wait for its reply, or cancel it. */
    public final class RequestHandle {
        private final PendingRequest request;

        RequestHandle(PendingRequest request) {
            this.request = request;
        }

        /** The request's id. */
        public RequestId id() {
            return request.id();
        }

        /** Waits for the reply for up to the client's timeout. */
        public Reply reply() {
            return reply(timeout);
        }

        /** Waits for the reply for up to {@code wait}. */
        public Reply reply(Duration wait) {
            return replyOf(await(wait).orElseThrow(() -> new AssertionError("no reply to " + request + " within " + wait)));
        }

        private Optional<Response> await(Duration wait) {
            try {
                return request.await(wait);
            } catch (IllegalStateException e) {
                throw new AssertionError("no reply to " + request + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** Whether a reply has arrived. */
        public boolean answered() {
            return request.isDone();
        }

        /** Sends {@code notifications/cancelled} for this request; a reply that comes anyway is still seen. */
        public void cancel(String reason) {
            McpTestClient.this.cancel(request.id(), reason);
        }

        /** Fails if a reply arrives within {@code quiet}; then stops waiting for one. */
        public void assertNoReplyWithin(Duration quiet) {
            await(quiet).ifPresent(response -> {
                throw new AssertionError("expected no reply to " + request + " but got " + replyOf(response));
            });
            request.abandon();
        }
    }

    /** A {@code tools/call} result with shortcuts for assertions. */
    public record ToolResult(CallToolResult result) {

        /** The text of all text blocks, joined by newlines. */
        public String text() {
            List<String> texts = new ArrayList<>();
            result.content().forEach(block -> {
                if (block instanceof TextContent text) {
                    texts.add(text.text());
                }
            });
            return String.join("\n", texts);
        }

        /** Whether the tool reported a failure. */
        public boolean isError() {
            return result.failed();
        }

        /** The structured content, or {@code null}. */
        public JsonNode structured() {
            return result.structuredContent();
        }
    }

    /** A JSON-RPC error answer to a typed call. */
    public static final class RpcError extends RuntimeException {
        private final transient Reply reply;

        RpcError(Reply reply) {
            super("server answered with error " + reply.error());
            this.reply = reply;
        }

        /** The error code. */
        public int code() {
            return reply.errorCode();
        }

        /** The whole reply. */
        public Reply reply() {
            return reply;
        }
    }
}
