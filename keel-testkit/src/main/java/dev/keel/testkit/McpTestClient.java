package dev.keel.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.keel.core.McpServer;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.DiscoverResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.Implementation;
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
 * An MCP client for tests that speaks either protocol era over any {@link ClientConnection}.
 *
 * <p>In 2026-07-28 it puts the per-request {@code _meta} (protocol version, capabilities, client
 * info) into every request; in a legacy revision it opens the session with {@code initialize} and
 * {@code notifications/initialized} first. Every message the server sends is checked against the
 * official schema of the revision in use ({@link McpSchemas}); the first violation fails the
 * client's next call (and {@link #close()}) with an {@link AssertionError} that quotes the message.
 *
 * <p>Thread-safe: tests may issue requests from many threads at once.
 */
public final class McpTestClient implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ClientConnection connection;
    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final JsonMapper mapper = codec.mapper();
    private final ProtocolVersion requested;
    private final ClientCapabilities capabilities;
    private final Implementation clientInfo;
    private final Duration timeout;
    private final boolean validate;
    private final java.util.function.Function<JsonNode, Object> onElicitation;
    private final java.util.function.Function<JsonNode, Object> onSampling;
    private final List<dev.keel.spec.Root> roots;
    private final boolean autoRetry;
    private final List<JsonNode> inputRequests = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<RequestId, Pending> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> unmatched = new LinkedBlockingQueue<>();
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private final List<JsonNode> serverRequests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Object arrivals = new Object();
    private volatile ProtocolVersion version;
    private volatile InitializeResult initializeResult;

    private record Pending(String method, CompletableFuture<Reply> reply) {
    }

    private McpTestClient(Builder builder, ClientConnection connection) {
        this.connection = connection;
        this.requested = builder.version;
        this.version = builder.version;
        this.capabilities = builder.capabilities;
        this.clientInfo = builder.clientInfo;
        this.timeout = builder.timeout;
        this.validate = builder.validate;
        this.onElicitation = builder.onElicitation;
        this.onSampling = builder.onSampling;
        this.roots = builder.roots;
        this.autoRetry = builder.autoRetry;
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
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ receiving

    private void onMessage(byte[] bytes) {
        JsonNode message;
        try {
            message = mapper.readTree(bytes);
        } catch (RuntimeException e) {
            violations.add("the server sent something that is not JSON: " + new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        if (message.isArray()) {
            if (validate && !version.allowsBatches()) {
                violations.add("the server sent a batch in protocol revision " + version.id() + ": " + message);
            }
            message.forEach(this::dispatch);
        } else {
            dispatch(message);
        }
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private void dispatch(JsonNode message) {
        if (message.has("result") || message.has("error")) {
            RequestId id = message.has("id") ? idOf(message.get("id")) : null;
            Pending p = id == null ? null : pending.remove(id);
            check(message, p == null ? null : p.method());
            if (p != null) {
                p.reply().complete(new Reply(message));
            } else {
                unmatched.add(message);
            }
        } else if (message.has("id")) {
            check(message, null);
            serverRequests.add(message);
            answerServerRequest(message);
        } else {
            check(message, null);
            notifications.add(message);
        }
    }

    /** The id a JSON value names, comparable with the ids this client sent; {@code null} if none. */
    private static RequestId idOf(JsonNode id) {
        if (id.isString()) {
            return RequestId.of(id.asString());
        }
        return id.isIntegralNumber() && id.canConvertToLong() ? RequestId.of(id.asLong()) : null;
    }

    private void check(JsonNode message, String answeredMethod) {
        if (!validate) {
            return;
        }
        List<String> problems = McpSchemas.official().checkServerMessage(message, version, answeredMethod);
        if (!problems.isEmpty()) {
            violations.add("server message " + message + " violates the schema:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Answers a legacy server-to-client request with this client's handlers, or -32601 without one; a
     * handler that returns {@code null} leaves the request unanswered (a user who never responds).
     */
    private void answerServerRequest(JsonNode request) {
        ObjectNode answer = mapper.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        String method = request.path("method").asString();
        boolean handled = switch (method) {
            case McpMethods.ELICITATION_CREATE -> onElicitation != null;
            case McpMethods.SAMPLING_CREATE_MESSAGE -> onSampling != null;
            case McpMethods.ROOTS_LIST -> roots != null;
            default -> false;
        };
        Object result = handled ? fulfil(method, request.path("params")) : null;
        if (handled && result == null) {
            return;
        }
        if (result != null) {
            answer.set("result", mapper.valueToTree(result));
        } else {
            answer.putObject("error").put("code", -32601).put("message", "The test client does not implement "
                    + request.path("method").asString());
        }
        connection.send(mapper.writeValueAsBytes(answer));
    }

    /** What this client answers to a server request or input request, or {@code null} if it cannot. */
    private Object fulfil(String method, JsonNode params) {
        return switch (method) {
            case McpMethods.ELICITATION_CREATE -> onElicitation == null ? null : onElicitation.apply(params);
            case McpMethods.SAMPLING_CREATE_MESSAGE -> onSampling == null ? null : onSampling.apply(params);
            case McpMethods.ROOTS_LIST -> roots == null ? null : dev.keel.spec.ListRootsResult.of(
                    roots.toArray(dev.keel.spec.Root[]::new));
            default -> null;
        };
    }

    // ------------------------------------------------------------------ requests

    /** Starts {@code method} and returns at once; the handle waits for the answer or cancels. */
    public RequestHandle start(String method, Object params) {
        throwViolations();
        ObjectNode withMeta = params(params);
        RequestId id = RequestId.of(nextId.getAndIncrement());
        return send(new Request(id, method, withMeta));
    }

    /**
     * Sends {@code method} with {@code params} (plus the modern {@code _meta}) and waits for the reply.
     * In 2026-07-28, an input-required result is answered with this client's handlers and the request
     * retried, with a new id, until it completes (unless {@link Builder#autoRetry(boolean)} is off or a
     * question has no handler).
     */
    public Reply request(String method, Object params) {
        throwViolations();
        ObjectNode sent = params(params);
        Reply reply = send(new Request(RequestId.of(nextId.getAndIncrement()), method, sent)).reply();
        for (int round = 0; autoRetry && round < 16 && needsInput(reply); round++) {
            ObjectNode answers = mapper.createObjectNode();
            for (Map.Entry<String, JsonNode> question : reply.result().path("inputRequests").properties()) {
                inputRequests.add(question.getValue());
                Object answer = fulfil(question.getValue().path("method").asString(), question.getValue().path("params"));
                if (answer == null) {
                    return reply;
                }
                answers.set(question.getKey(), mapper.valueToTree(answer));
            }
            ObjectNode retry = sent.deepCopy();
            retry.set("inputResponses", answers);
            if (reply.result().has("requestState")) {
                retry.set("requestState", reply.result().get("requestState"));
            }
            reply = send(new Request(RequestId.of(nextId.getAndIncrement()), method, retry)).reply();
        }
        return reply;
    }

    private static boolean needsInput(Reply reply) {
        return !reply.isError() && "input_required".equals(reply.result().path("resultType").asString(null));
    }

    /** Every input request of every input-required result this client answered (2026-07-28). */
    public List<JsonNode> inputRequests() {
        return List.copyOf(inputRequests);
    }

    /** Sends {@code method} exactly as given: no {@code _meta} is added. */
    public Reply requestVerbatim(String method, JsonNode params) {
        throwViolations();
        RequestId id = RequestId.of(nextId.getAndIncrement());
        return send(new Request(id, method, params)).reply();
    }

    private RequestHandle send(Request request) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        pending.put(request.id(), new Pending(request.method(), future));
        connection.send(codec.encode(request));
        return new RequestHandle(request.id(), request.method(), future);
    }

    /**
     * Sends {@code text} as one message, exactly as given (garbage included), and returns the
     * answer: the response with the id the text carries, if it carries one, else the next answer
     * without an id.
     */
    public Reply sendRaw(String text) {
        throwViolations();
        RequestId id = null;
        String method = null;
        try {
            JsonNode parsed = mapper.readTree(text);
            if (parsed.isObject() && parsed.has("id") && parsed.has("method")) {
                id = idOf(parsed.get("id"));
                method = parsed.get("method").asString(null);
            }
        } catch (RuntimeException e) {
            // not JSON: the answer will have no id
        }
        CompletableFuture<Reply> future = new CompletableFuture<>();
        if (id != null) {
            pending.put(id, new Pending(method, future));
        }
        connection.send(text.getBytes(StandardCharsets.UTF_8));
        // the answer carries the text's id, or none when the server could not read one
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (future.isDone()) {
                    throwViolations();
                    return future.join();
                }
                JsonNode reply = unmatched.poll(5, TimeUnit.MILLISECONDS);
                if (reply != null) {
                    if (id != null) {
                        pending.remove(id);
                    }
                    throwViolations();
                    return new Reply(reply);
                }
            }
            throw new AssertionError("no answer to " + abbreviate(text) + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " characters)";
    }

    /**
     * Sends {@code text} (a batch, say) as one message and returns the first {@code expected} answers
     * that arrive for requests this client did not send itself, in arrival order.
     */
    public List<Reply> sendRawCollecting(String text, int expected) {
        throwViolations();
        connection.send(text.getBytes(StandardCharsets.UTF_8));
        List<Reply> replies = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (replies.size() < expected) {
                JsonNode reply = unmatched.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (reply == null) {
                    throw new AssertionError("only " + replies.size() + " of " + expected + " answers to " + text
                            + " within " + timeout);
                }
                replies.add(new Reply(reply));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        throwViolations();
        return replies;
    }

    /** Sends {@code text} as one message and expects no answer at all within {@code quiet}. */
    public void sendRawExpectingSilence(String text, Duration quiet) {
        throwViolations();
        connection.send(text.getBytes(StandardCharsets.UTF_8));
        try {
            JsonNode reply = unmatched.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (reply != null) {
                throw new AssertionError("expected no answer to " + text + " but got " + reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a notification (no {@code _meta} is added). */
    public void notify(String method, Object params) {
        throwViolations();
        connection.send(codec.encode(new Notification(method, params == null ? null : mapper.valueToTree(params))));
    }

    private ObjectNode params(Object params) {
        ObjectNode node = params == null ? mapper.createObjectNode() : (ObjectNode) mapper.valueToTree(params);
        if (version.isModern()) {
            ObjectNode meta = node.has("_meta") ? (ObjectNode) node.get("_meta") : node.putObject("_meta");
            if (!meta.has(MetaKeys.PROTOCOL_VERSION)) {
                meta.put(MetaKeys.PROTOCOL_VERSION, version.id());
            }
            if (!meta.has(MetaKeys.CLIENT_CAPABILITIES)) {
                meta.set(MetaKeys.CLIENT_CAPABILITIES, mapper.valueToTree(capabilities));
            }
            if (!meta.has(MetaKeys.CLIENT_INFO)) {
                meta.set(MetaKeys.CLIENT_INFO, mapper.valueToTree(clientInfo));
            }
        }
        return node;
    }

    // ------------------------------------------------------------------ typed conveniences

    private <T> T call(String method, Object params, Class<T> type) {
        Reply reply = request(method, params);
        if (reply.isError()) {
            throw new RpcError(reply);
        }
        return reply.result(type);
    }

    /** {@code initialize} then {@code notifications/initialized}; done by the builder for legacy clients. */
    private InitializeResult initialize() {
        ObjectNode params = mapper.createObjectNode().put("protocolVersion", requested.id());
        params.set("capabilities", mapper.valueToTree(capabilities));
        params.set("clientInfo", mapper.valueToTree(clientInfo));
        InitializeResult result = call(McpMethods.INITIALIZE, params, InitializeResult.class);
        version = ProtocolVersion.of(result.protocolVersion())
                .orElseThrow(() -> new AssertionError("the server negotiated an unknown version " + result.protocolVersion()));
        notify(McpMethods.NOTIFICATIONS_INITIALIZED, null);
        initializeResult = result;
        return result;
    }

    /** The answer to {@code initialize}, for a legacy client. */
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
        params.putObject("_meta").set(MetaKeys.PROGRESS_TOKEN, mapper.valueToTree(progressToken));
        return start(McpMethods.TOOLS_CALL, params);
    }

    private ObjectNode toolParams(String name, Object arguments) {
        ObjectNode params = mapper.createObjectNode().put("name", name);
        if (arguments != null) {
            params.set("arguments", mapper.valueToTree(arguments));
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

    /**
     * Cancels a running request with {@code notifications/cancelled} (carrying the per-request
     * {@code _meta} in 2026-07-28, where a transport such as HTTP cancels by closing the request's stream).
     */
    public void cancel(RequestId id, String reason) {
        throwViolations();
        connection.send(codec.encode(new Notification(McpMethods.NOTIFICATIONS_CANCELLED,
                params(reason == null ? Map.of("requestId", id.value()) : Map.of("requestId", id.value(), "reason", reason)))));
    }

    // ------------------------------------------------------------------ observations

    /** The revision in use: the requested one for modern clients, the negotiated one for legacy clients. */
    public ProtocolVersion protocolVersion() {
        return version;
    }

    /** Every notification received so far. */
    public List<JsonNode> notifications() {
        throwViolations();
        return List.copyOf(notifications);
    }

    /** Every server-to-client request received so far (legacy). */
    public List<JsonNode> serverRequests() {
        return List.copyOf(serverRequests);
    }

    /** Waits until a notification matching {@code filter} has arrived, and returns it. */
    public JsonNode awaitNotification(Predicate<JsonNode> filter) {
        return await(notifications, filter, "notification");
    }

    /** Waits until a server-to-client request matching {@code filter} has arrived (legacy), and returns it. */
    public JsonNode awaitServerRequest(Predicate<JsonNode> filter) {
        return await(serverRequests, filter, "server request");
    }

    private JsonNode await(List<JsonNode> messages, Predicate<JsonNode> filter, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                for (JsonNode n : messages) {
                    if (filter.test(n)) {
                        throwViolations();
                        return n;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching " + what + " within " + timeout + "; got " + messages);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Fails if any message the server sent so far violated its schema. */
    public void assertNoViolations() {
        throwViolations();
    }

    private void throwViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations));
        }
    }

    /** Closes the connection; fails if any server message violated its schema. */
    @Override
    public void close() {
        connection.close();
        pending.values().forEach(p -> p.reply().completeExceptionally(new IllegalStateException("client closed")));
        throwViolations();
    }

    // ------------------------------------------------------------------ types

    /** A request on its way: wait for its reply, or cancel it. */
    public final class RequestHandle {
        private final RequestId id;
        private final String method;
        private final CompletableFuture<Reply> future;

        RequestHandle(RequestId id, String method, CompletableFuture<Reply> future) {
            this.id = id;
            this.method = method;
            this.future = future;
        }

        /** The request's id. */
        public RequestId id() {
            return id;
        }

        /** Waits for the reply for up to the client's timeout. */
        public Reply reply() {
            return reply(timeout);
        }

        /** Waits for the reply for up to {@code wait}. */
        public Reply reply(Duration wait) {
            try {
                Reply reply = future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                throwViolations();
                return reply;
            } catch (TimeoutException e) {
                throw new AssertionError("no reply to " + method + " " + id + " within " + wait);
            } catch (ExecutionException e) {
                throw new AssertionError("no reply to " + method + " " + id + ": " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** Whether a reply has arrived. */
        public boolean answered() {
            return future.isDone();
        }

        /** Sends {@code notifications/cancelled} for this request. */
        public void cancel(String reason) {
            McpTestClient.this.cancel(id, reason);
        }

        /** Fails if a reply arrives within {@code quiet}. */
        public void assertNoReplyWithin(Duration quiet) {
            try {
                Reply reply = future.get(quiet.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("expected no reply to " + method + " " + id + " but got " + reply);
            } catch (TimeoutException e) {
                pending.values().removeIf(p -> p.reply() == future);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /** Configures a {@link McpTestClient}; not thread-safe. */
    public static final class Builder {
        private ProtocolVersion version = ProtocolVersion.LATEST;
        private ClientCapabilities capabilities = ClientCapabilities.none();
        private Implementation clientInfo = Implementation.of("keel-test-client", "1.0.0");
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean validate = true;
        private boolean initialize = true;
        private boolean capabilitiesSet;
        private java.util.function.Function<JsonNode, Object> onElicitation;
        private java.util.function.Function<JsonNode, Object> onSampling;
        private List<dev.keel.spec.Root> roots;
        private boolean autoRetry = true;

        private Builder() {
        }

        /**
         * Whether a legacy client opens its session on connecting (default true); without it, the
         * test sends {@code initialize} itself.
         */
        public Builder initialize(boolean initialize) {
            this.initialize = initialize;
            return this;
        }

        /** The revision to speak (default 2026-07-28). */
        public Builder version(ProtocolVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * The capabilities to declare (default: none, plus those of the handlers given to this builder).
         * Setting them here overrides what the handlers would declare.
         */
        public Builder capabilities(ClientCapabilities capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
            this.capabilitiesSet = true;
            return this;
        }

        /** Answers elicitations (params as sent) with {@code handler}'s result; declares elicitation. */
        public Builder onElicitation(java.util.function.Function<JsonNode, dev.keel.spec.ElicitResult> handler) {
            this.onElicitation = handler::apply;
            return this;
        }

        /** Answers sampling requests (params as sent) with {@code handler}'s result; declares sampling. */
        public Builder onSampling(java.util.function.Function<JsonNode, dev.keel.spec.CreateMessageResult> handler) {
            this.onSampling = handler::apply;
            return this;
        }

        /** Answers roots requests with {@code roots}; declares roots. */
        public Builder roots(List<dev.keel.spec.Root> roots) {
            this.roots = List.copyOf(roots);
            return this;
        }

        /** Whether input-required results are answered and retried automatically (default true). */
        public Builder autoRetry(boolean autoRetry) {
            this.autoRetry = autoRetry;
            return this;
        }

        private ClientCapabilities derivedCapabilities() {
            if (capabilitiesSet) {
                return capabilities;
            }
            return new ClientCapabilities(null,
                    roots == null ? null : new ClientCapabilities.Roots(null),
                    onSampling == null ? null : new ClientCapabilities.Sampling(Map.of(), Map.of()),
                    onElicitation == null ? null : new ClientCapabilities.Elicitation(Map.of(), Map.of()),
                    null);
        }

        /** The client info to send. */
        public Builder clientInfo(Implementation clientInfo) {
            this.clientInfo = Objects.requireNonNull(clientInfo, "clientInfo");
            return this;
        }

        /** How long to wait for each answer (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Whether to check server messages against the schema (default true). */
        public Builder validate(boolean validate) {
            this.validate = validate;
            return this;
        }

        /** Connects in memory to {@code server}. */
        public McpTestClient connect(McpServer server) {
            return connect(ClientConnection.inMemory(server));
        }

        /** Connects over {@code connection}; legacy clients initialize before this returns. */
        public McpTestClient connect(ClientConnection connection) {
            this.capabilities = derivedCapabilities();
            McpTestClient client = new McpTestClient(this, connection);
            connection.start(client::onMessage);
            if (!version.isModern() && initialize) {
                client.initialize();
            }
            return client;
        }
    }
}
