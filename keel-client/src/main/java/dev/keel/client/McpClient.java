package dev.keel.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.PendingRequests;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.CancelledNotificationParams;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequest;
import dev.keel.spec.DiscoverResult;
import dev.keel.spec.ElicitRequest;
import dev.keel.spec.ElicitRequestParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.Implementation;
import dev.keel.spec.InitializeResult;
import dev.keel.spec.InputRequest;
import dev.keel.spec.InputRequiredResult;
import dev.keel.spec.InputResponse;
import dev.keel.spec.ListPromptsResult;
import dev.keel.spec.ListResourceTemplatesResult;
import dev.keel.spec.ListResourcesResult;
import dev.keel.spec.ListRootsRequest;
import dev.keel.spec.ListRootsResult;
import dev.keel.spec.ListToolsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Root;
import dev.keel.spec.ServerCapabilities;
import dev.keel.spec.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small MCP client for either era. {@link #connect} first asks {@code server/discover} the
 * 2026-07-28 way; a server that does not answer it is spoken to through a legacy session
 * ({@code initialize} at 2025-11-25). Tool calls report progress, and the server's questions
 * (elicitation; roots) are answered by the handlers given, as server requests in a legacy session or
 * by fulfilling input-required results in 2026-07-28. Thread-safe.
 */
public final class McpClient implements AutoCloseable {

    private static final int MAX_ROUNDS = 10;

    private final Connection connection;
    private final Options options;
    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final PendingRequests pending = new PendingRequests();
    private final Map<String, Consumer<JsonNode>> progress = new ConcurrentHashMap<>();
    private volatile ProtocolVersion version;
    private volatile Implementation serverInfo;
    private volatile ServerCapabilities capabilities;
    private volatile String instructions;

    /** What the client says about itself and how it answers the server's questions. */
    public record Options(Implementation clientInfo, Duration timeout, Function<ElicitRequestParams, ElicitResult> elicitation,
            List<Root> roots) {
        public Options {
            Objects.requireNonNull(clientInfo, "clientInfo");
            Objects.requireNonNull(timeout, "timeout");
            roots = roots == null ? null : List.copyOf(roots);
        }

        /** A client named {@code name}, answering no questions, waiting up to a minute per request. */
        public static Options named(String name, String version) {
            return new Options(Implementation.of(name, version), Duration.ofMinutes(1), null, null);
        }

        public Options withElicitation(Function<ElicitRequestParams, ElicitResult> handler) {
            return new Options(clientInfo, timeout, handler, roots);
        }

        public Options withRoots(List<Root> list) {
            return new Options(clientInfo, timeout, elicitation, list);
        }

        public Options withTimeout(Duration wait) {
            return new Options(clientInfo, wait, elicitation, roots);
        }
    }

    /** The server refused a request with a JSON-RPC error. */
    public static final class RpcException extends RuntimeException {
        private final int code;

        RpcException(JsonRpcError error) {
            super(error.message() + " (" + error.code() + ")", null, false, false);
            this.code = error.code();
        }

        public int code() {
            return code;
        }
    }

    private McpClient(Connection connection, Options options) {
        this.connection = connection;
        this.options = options;
    }

    /** Connects and negotiates the era; the connection is the client's from now on. */
    public static McpClient connect(Connection connection, Options options) {
        McpClient client = new McpClient(connection, options);
        connection.start(client::onMessage);
        try {
            client.negotiate();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private void negotiate() {
        version = ProtocolVersion.LATEST;
        try {
            DiscoverResult discovered = request(McpMethods.SERVER_DISCOVER, null).rawResult().bind(DiscoverResult.class);
            capabilities = discovered.capabilities();
            instructions = discovered.instructions();
            Object info = discovered.meta() == null ? null : discovered.meta().get(MetaKeys.SERVER_INFO);
            serverInfo = info == null ? null : codec.mapper().convertValue(info, Implementation.class);
            return;
        } catch (RpcException e) {
            // not a 2026-07-28 server (or not this version): a legacy session
        }
        version = ProtocolVersion.LATEST_LEGACY;
        ObjectNode params = codec.mapper().createObjectNode().put("protocolVersion", version.id());
        params.set("capabilities", codec.mapper().valueToTree(clientCapabilities()));
        params.set("clientInfo", codec.mapper().valueToTree(options.clientInfo()));
        InitializeResult initialized = request(McpMethods.INITIALIZE, params).rawResult().bind(InitializeResult.class);
        version = ProtocolVersion.of(initialized.protocolVersion()).orElseThrow(() -> new IllegalStateException(
                "the server chose an unknown protocol version " + initialized.protocolVersion()));
        serverInfo = initialized.serverInfo();
        capabilities = initialized.capabilities();
        instructions = initialized.instructions();
        connection.send(codec.encode(new Notification(McpMethods.NOTIFICATIONS_INITIALIZED, null)));
    }

    private ClientCapabilities clientCapabilities() {
        return new ClientCapabilities(null, options.roots() == null ? null : new ClientCapabilities.Roots(false), null,
                options.elicitation() == null ? null : new ClientCapabilities.Elicitation(Map.of(), null), null);
    }

    public ProtocolVersion protocolVersion() {
        return version;
    }

    /** The server's name and version, when it gave them. */
    public Implementation serverInfo() {
        return serverInfo;
    }

    public ServerCapabilities capabilities() {
        return capabilities;
    }

    public String instructions() {
        return instructions;
    }

    // ------------------------------------------------------------------ listing

    public List<Tool> listTools() {
        return pages(McpMethods.TOOLS_LIST, ListToolsResult.class, ListToolsResult::tools, ListToolsResult::nextCursor);
    }

    public List<Resource> listResources() {
        return pages(McpMethods.RESOURCES_LIST, ListResourcesResult.class, ListResourcesResult::resources,
                ListResourcesResult::nextCursor);
    }

    public List<ResourceTemplate> listResourceTemplates() {
        return pages(McpMethods.RESOURCES_TEMPLATES_LIST, ListResourceTemplatesResult.class,
                ListResourceTemplatesResult::resourceTemplates, ListResourceTemplatesResult::nextCursor);
    }

    public List<Prompt> listPrompts() {
        return pages(McpMethods.PROMPTS_LIST, ListPromptsResult.class, ListPromptsResult::prompts,
                ListPromptsResult::nextCursor);
    }

    private <R, T> List<T> pages(String method, Class<R> type, Function<R, List<T>> items, Function<R, String> next) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            ObjectNode params = codec.mapper().createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            R result = request(method, params).rawResult().bind(type);
            all.addAll(items.apply(result));
            cursor = next.apply(result);
            if (cursor == null) {
                break;
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ calling

    /**
     * Calls a tool, reporting each progress notification to {@code onProgress} (its params), answering
     * the server's questions with the handlers, and returns the result (which may be an error result).
     */
    public CallToolResult callTool(String name, JsonNode arguments, Consumer<JsonNode> onProgress) {
        ObjectNode params = codec.mapper().createObjectNode().put("name", name);
        params.set("arguments", arguments == null ? codec.mapper().createObjectNode() : arguments);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String token = "progress-" + System.nanoTime();
            if (onProgress != null) {
                ObjectNode meta = params.has("_meta") ? (ObjectNode) params.get("_meta") : params.putObject("_meta");
                meta.put(MetaKeys.PROGRESS_TOKEN, token);
                progress.put(token, onProgress);
            }
            JsonNode result;
            try {
                result = request(McpMethods.TOOLS_CALL, params).rawResult().tree();
            } finally {
                progress.remove(token);
            }
            if (!"input_required".equals(result.path("resultType").asString(""))) {
                return codec.mapper().treeToValue(result, CallToolResult.class);
            }
            InputRequiredResult asked = codec.mapper().treeToValue(result, InputRequiredResult.class);
            Map<String, InputResponse> answers = new LinkedHashMap<>();
            for (Map.Entry<String, InputRequest> question : asked.inputRequests().entrySet()) {
                answers.put(question.getKey(), answer(question.getValue()));
            }
            params.set("inputResponses", codec.mapper().valueToTree(answers));
            if (asked.requestState() != null) {
                params.put("requestState", asked.requestState());
            } else {
                params.remove("requestState");
            }
        }
        throw new IllegalStateException("the server asked more than " + MAX_ROUNDS + " rounds of questions");
    }

    private InputResponse answer(InputRequest question) {
        return switch (question) {
            case ElicitRequest elicit when options.elicitation() != null -> options.elicitation().apply(elicit.params());
            case ElicitRequest elicit -> ElicitResult.decline();
            case ListRootsRequest roots -> new ListRootsResult(options.roots() == null ? List.of() : options.roots(), null);
            case CreateMessageRequest sample -> throw new IllegalStateException(
                    "the server asked for sampling, which this client does not offer");
        };
    }

    // ------------------------------------------------------------------ wire

    /** Sends a request (adding the 2026-07-28 {@code _meta}) and waits for its success. */
    private Response.Success request(String method, ObjectNode params) {
        ObjectNode body = params == null ? codec.mapper().createObjectNode() : params;
        if (version.isModern()) {
            ObjectNode meta = body.has("_meta") ? (ObjectNode) body.get("_meta") : body.putObject("_meta");
            meta.put(MetaKeys.PROTOCOL_VERSION, version.id());
            meta.set(MetaKeys.CLIENT_CAPABILITIES, codec.mapper().valueToTree(clientCapabilities()));
            meta.set(MetaKeys.CLIENT_INFO, codec.mapper().valueToTree(options.clientInfo()));
        }
        RequestId id = pending.next();
        CompletableFuture<Response> answer = pending.register(id);
        connection.send(codec.encode(new Request(id, method, body)));
        Response response;
        try {
            response = answer.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.abandon(id);
            String waited = describe(options.timeout());
            cancel(id, "The client stopped waiting after " + waited);
            throw new IllegalStateException(method + " got no answer within " + waited);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            pending.abandon(id);
            cancel(id, "The client was interrupted");
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " was interrupted");
        }
        return switch (response) {
            case Response.Success success -> success;
            case Response.Failure failure -> throw new RpcException(failure.error());
        };
    }

    /**
     * Tells the server that the client stopped waiting for {@code id}, as the spec asks of a client
     * that gives up, so that the server stops working on it.
     */
    private void cancel(RequestId id, String reason) {
        Map<String, Object> meta = version.isModern() ? Map.of(MetaKeys.PROTOCOL_VERSION, version.id()) : null;
        try {
            connection.send(codec.encode(new Notification(McpMethods.NOTIFICATIONS_CANCELLED,
                    new CancelledNotificationParams(id, reason, meta))));
        } catch (RuntimeException e) {
            // the connection is gone, and with it the request
        }
    }

    /** {@code 60 s}, {@code 250 ms}. */
    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void onMessage(byte[] bytes) {
        if (!(codec.decode(bytes) instanceof Decoded.Message(JsonRpcMessage message))) {
            return;
        }
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
            }
            case Request request -> Thread.ofVirtual().name("keel-client-answer").start(() -> answerServer(request));
        }
    }

    /** A legacy server's request: elicitation, roots, ping; anything else is refused. */
    private void answerServer(Request request) {
        Response response;
        try {
            Object result = switch (request.method()) {
                case McpMethods.PING -> Map.of();
                case McpMethods.ELICITATION_CREATE -> answer(new ElicitRequest(
                        request.rawParams().bind(ElicitRequestParams.class)));
                case McpMethods.ROOTS_LIST -> answer(ListRootsRequest.instance());
                default -> null;
            };
            response = result == null
                    ? Response.failure(request.id(), JsonRpcError.of(JsonRpcError.METHOD_NOT_FOUND,
                            "This client does not offer " + request.method()))
                    : Response.success(request.id(), result);
        } catch (RuntimeException e) {
            response = Response.failure(request.id(), JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, String.valueOf(e.getMessage())));
        }
        connection.send(codec.encode(response));
    }

    @Override
    public void close() {
        pending.failAll(new IllegalStateException("the client closed"));
        connection.close();
    }
}
