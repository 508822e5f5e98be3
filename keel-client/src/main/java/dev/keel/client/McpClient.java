package dev.keel.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.DiscoverResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.Implementation;
import dev.keel.spec.InitializeResult;
import dev.keel.spec.InputRequiredResult;
import dev.keel.spec.InputResponse;
import dev.keel.spec.ListPromptsResult;
import dev.keel.spec.ListResourceTemplatesResult;
import dev.keel.spec.ListResourcesResult;
import dev.keel.spec.ListToolsResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.ServerCapabilities;
import dev.keel.spec.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client for either era, over any {@link Connection}.
 *
 * <p>{@link #connect} negotiates: it asks {@code server/discover} the 2026-07-28 way, and speaks to a
 * server that does not answer it through a legacy session ({@code initialize} at 2025-11-25), unless
 * the {@linkplain ClientOptions#withVersion options name the revision}. {@link #open} starts speaking the
 * named revision without a handshake, for callers that open the session themselves ({@link
 * #initialize}) or send their own first messages.
 *
 * <p>Every request of a 2026-07-28 client carries the protocol version, the client's capabilities and
 * its info in {@code _meta}. The server's questions (elicitation, sampling, roots) are answered by the
 * handlers of the {@link ClientOptions}: as server requests in a legacy session, and by answering the
 * input-required results of 2026-07-28 and retrying ({@link #request}). Progress of a tool call goes to
 * the listener given to {@link #callTool}, every notification to the options' listener.
 *
 * <p>Thread-safe: requests may be sent from many threads at once. A JSON-RPC error answering a typed
 * call is thrown as an {@link RpcException}; {@link #request} and {@link #send} return it as a
 * {@link Response.Failure}.
 */
public final class McpClient implements AutoCloseable {

    private static final int MAX_ROUNDS = 10;

    private final Wire wire;
    private volatile Implementation serverInfo;
    private volatile ServerCapabilities capabilities;
    private volatile String instructions;

    private McpClient(Connection connection, ClientOptions options) {
        this.wire = new Wire(connection, options);
    }

    /**
     * Connects and negotiates the era (or, if the options name a revision, discovers the server in
     * 2026-07-28 or initializes a legacy session); the connection is the client's from now on.
     *
     * @throws RpcException if the server refuses the handshake
     */
    public static McpClient connect(Connection connection, ClientOptions options) {
        McpClient client = open(connection, options);
        try {
            if (options.version().isEmpty()) {
                client.negotiate();
            } else if (client.protocolVersion().isModern()) {
                client.discover();
            } else {
                client.initialize();
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * Starts speaking the options' revision (2026-07-28 if they name none) over {@code connection},
     * with no handshake; the connection is the client's from now on.
     */
    public static McpClient open(Connection connection, ClientOptions options) {
        McpClient client = new McpClient(Objects.requireNonNull(connection, "connection"),
                Objects.requireNonNull(options, "options"));
        try {
            client.wire.start();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return client;
    }

    private void negotiate() {
        try {
            discover();
            return;
        } catch (RpcException e) {
            // not a 2026-07-28 server (or not this version): a legacy session
        }
        wire.version(ProtocolVersion.LATEST_LEGACY);
        initialize();
    }

    /**
     * {@code server/discover} (2026-07-28): what the server offers; its name, capabilities and
     * instructions are kept.
     */
    public DiscoverResult discover() {
        DiscoverResult discovered = result(request(McpMethods.SERVER_DISCOVER, null), DiscoverResult.class);
        capabilities = discovered.capabilities();
        instructions = discovered.instructions();
        Object info = discovered.meta() == null ? null : discovered.meta().get(MetaKeys.SERVER_INFO);
        serverInfo = info == null ? null : wire.codec().mapper().convertValue(info, Implementation.class);
        return discovered;
    }

    /**
     * Opens a legacy session: {@code initialize} at this client's revision, then
     * {@code notifications/initialized}. From then on the client speaks the revision the server chose.
     *
     * @throws IllegalStateException if the client speaks 2026-07-28, which has no sessions
     */
    public InitializeResult initialize() {
        ProtocolVersion asked = wire.version();
        if (asked.isModern()) {
            throw new IllegalStateException("initialize opens a legacy session, and this client speaks " + asked.id());
        }
        ObjectNode params = wire.codec().mapper().createObjectNode().put("protocolVersion", asked.id());
        params.set("capabilities", wire.codec().mapper().valueToTree(wire.options().capabilities()));
        params.set("clientInfo", wire.codec().mapper().valueToTree(wire.options().clientInfo()));
        InitializeResult initialized = result(request(McpMethods.INITIALIZE, params), InitializeResult.class);
        wire.version(ProtocolVersion.of(initialized.protocolVersion()).orElseThrow(() -> new IllegalStateException(
                "the server chose an unknown protocol version " + initialized.protocolVersion())));
        serverInfo = initialized.serverInfo();
        capabilities = initialized.capabilities();
        instructions = initialized.instructions();
        wire.notify(McpMethods.NOTIFICATIONS_INITIALIZED, null);
        return initialized;
    }

    /** The revision in use: the one asked for, or the one a legacy server chose. */
    public ProtocolVersion protocolVersion() {
        return wire.version();
    }

    /** The server's name and version, when the handshake gave them. */
    public Implementation serverInfo() {
        return serverInfo;
    }

    /** What the server offers, as the handshake said; {@code null} before one. */
    public ServerCapabilities capabilities() {
        return capabilities;
    }

    /** The server's instructions for the model, if the handshake gave any. */
    public String instructions() {
        return instructions;
    }

    // ------------------------------------------------------------------ listing and reading

    /** {@code tools/list}, every page. */
    public List<Tool> listTools() {
        return pages(McpMethods.TOOLS_LIST, ListToolsResult.class, ListToolsResult::tools, ListToolsResult::nextCursor);
    }

    /** {@code resources/list}, every page. */
    public List<Resource> listResources() {
        return pages(McpMethods.RESOURCES_LIST, ListResourcesResult.class, ListResourcesResult::resources,
                ListResourcesResult::nextCursor);
    }

    /** {@code resources/templates/list}, every page. */
    public List<ResourceTemplate> listResourceTemplates() {
        return pages(McpMethods.RESOURCES_TEMPLATES_LIST, ListResourceTemplatesResult.class,
                ListResourceTemplatesResult::resourceTemplates, ListResourceTemplatesResult::nextCursor);
    }

    /** {@code prompts/list}, every page. */
    public List<Prompt> listPrompts() {
        return pages(McpMethods.PROMPTS_LIST, ListPromptsResult.class, ListPromptsResult::prompts,
                ListPromptsResult::nextCursor);
    }

    private <R, T> List<T> pages(String method, Class<R> type, Function<R, List<T>> items, Function<R, String> next) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            ObjectNode params = wire.codec().mapper().createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            R result = result(request(method, params), type);
            all.addAll(items.apply(result));
            cursor = next.apply(result);
            if (cursor == null) {
                break;
            }
        }
        return all;
    }

    /** {@code resources/read} of {@code uri}. */
    public ReadResourceResult readResource(String uri) {
        ObjectNode params = wire.codec().mapper().createObjectNode().put("uri", uri);
        return result(request(McpMethods.RESOURCES_READ, params), ReadResourceResult.class);
    }

    /** {@code prompts/get} of {@code name} with {@code arguments} (may be {@code null}). */
    public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
        ObjectNode params = wire.codec().mapper().createObjectNode().put("name", name);
        if (arguments != null) {
            params.set("arguments", wire.codec().mapper().valueToTree(arguments));
        }
        return result(request(McpMethods.PROMPTS_GET, params), GetPromptResult.class);
    }

    // ------------------------------------------------------------------ calling

    /**
     * Calls a tool, reporting each progress notification to {@code onProgress} (its params; may be
     * {@code null}), answering the server's questions with the handlers, and returns the result (which
     * may be an error result).
     *
     * @throws RpcException if the server answers with a JSON-RPC error
     * @throws IllegalStateException if the server asks a question this client has no answer for
     */
    public CallToolResult callTool(String name, JsonNode arguments, Consumer<JsonNode> onProgress) {
        ObjectNode params = wire.codec().mapper().createObjectNode().put("name", name);
        params.set("arguments", arguments == null ? wire.codec().mapper().createObjectNode() : arguments.deepCopy());
        String token = onProgress == null ? null : wire.listen(onProgress);
        if (token != null) {
            params.putObject("_meta").put(MetaKeys.PROGRESS_TOKEN, token);
        }
        try {
            return result(request(McpMethods.TOOLS_CALL, params), CallToolResult.class);
        } finally {
            if (token != null) {
                wire.unlisten(token);
            }
        }
    }

    /**
     * Sends {@code method} with {@code params} (a JSON object or {@code null}; not changed) and waits
     * for its response, success or failure. A 2026-07-28 request gets the era's {@code _meta} (members
     * {@code params._meta} has already are kept); an input-required result is answered with the
     * handlers and the request sent again, with the answers and the server's {@code requestState},
     * until it completes, or is returned as it is when a question has no answer.
     *
     * @throws IllegalStateException if an answer does not come within the timeout (the request is
     *     cancelled), the client closes, or the server keeps asking for more than ten rounds
     */
    public Response request(String method, JsonNode params) {
        ObjectNode body = params == null ? wire.codec().mapper().createObjectNode() : Wire.object(params).deepCopy();
        for (int round = 0; round <= MAX_ROUNDS; round++) {
            Response response = wire.send(method, body, true).response();
            if (!(response instanceof Response.Success success) || !inputRequired(success)) {
                return response;
            }
            InputRequiredResult asked = success.rawResult().bind(InputRequiredResult.class);
            Map<String, InputResponse> answers = wire.answers().answerAll(asked.inputRequests());
            if (answers == null) {
                return response;
            }
            body.set("inputResponses", wire.codec().mapper().valueToTree(answers));
            if (asked.requestState() != null) {
                body.put("requestState", asked.requestState());
            } else {
                body.remove("requestState");
            }
        }
        throw new IllegalStateException("the server asked more than " + MAX_ROUNDS + " rounds of questions");
    }

    private static boolean inputRequired(Response.Success success) {
        return success.rawResult() != null && success.rawResult().isObject()
                && "input_required".equals(success.rawResult().stringMember("resultType"));
    }

    /**
     * Sends {@code method} with {@code params} (not changed) and the era's {@code _meta}, as
     * {@link #request} does, and returns at once: one attempt, with no answering of input-required
     * results.
     */
    public PendingRequest send(String method, JsonNode params) {
        return wire.send(method, params == null ? null : params.deepCopy(), true);
    }

    /** Sends {@code method} with {@code params} exactly as given (no {@code _meta} is added) and returns at once. */
    public PendingRequest sendVerbatim(String method, JsonNode params) {
        return wire.send(method, params, false);
    }

    /** Sends a notification, exactly as given. */
    public void notify(String method, JsonNode params) {
        wire.notify(method, params);
    }

    /** Asks the server to stop working on request {@code id} ({@code notifications/cancelled}). */
    public void cancel(RequestId id, String reason) {
        wire.cancel(id, reason);
    }

    private <T> T result(Response response, Class<T> type) {
        return switch (response) {
            case Response.Failure failure -> throw new RpcException(failure.error());
            case Response.Success success when inputRequired(success) -> throw new IllegalStateException(
                    "the server asked a question this client has no answer for: "
                            + success.rawResult().tree().path("inputRequests"));
            case Response.Success success -> success.rawResult().bind(type);
        };
    }

    /** Fails every request still waiting, and closes the connection. */
    @Override
    public void close() {
        wire.close();
    }

    // ------------------------------------------------------------------ types

    /** The server refused a request with a JSON-RPC error. */
    public static final class RpcException extends RuntimeException {
        private final int code;

        RpcException(JsonRpcError error) {
            super(error.message() + " (" + error.code() + ")", null, false, false);
            this.code = error.code();
        }

        /** The JSON-RPC error code. */
        public int code() {
            return code;
        }
    }
}
