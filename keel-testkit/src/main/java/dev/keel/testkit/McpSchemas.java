package dev.keel.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.keel.spec.McpMethods;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP JSON Schemas of every revision Keel serves, and the rules for checking a message
 * a server sends against them: a response against the result (or error) type of the method it
 * answers, a notification against {@code ServerNotification}, a legacy server request against
 * {@code ServerRequest}. Because the schemas never forbid extra properties, legacy messages are
 * also checked for fields their revision does not have ({@code resultType}, caching hints,
 * {@code title}, {@code icons}, …) and modern messages for error codes the spec reserves.
 *
 * <p>Thread-safe; compiled schemas are cached.
 */
public final class McpSchemas {

    private static final String BASE = "https://schemas.keel.dev/mcp/";
    private static final McpSchemas OFFICIAL = new McpSchemas();

    /** Modern: method → the response type that wraps its result. */
    private static final Map<String, String> MODERN_RESPONSES = Map.ofEntries(
            Map.entry(McpMethods.SERVER_DISCOVER, "DiscoverResultResponse"),
            Map.entry(McpMethods.TOOLS_LIST, "ListToolsResultResponse"),
            Map.entry(McpMethods.TOOLS_CALL, "CallToolResultResponse"),
            Map.entry(McpMethods.RESOURCES_LIST, "ListResourcesResultResponse"),
            Map.entry(McpMethods.RESOURCES_TEMPLATES_LIST, "ListResourceTemplatesResultResponse"),
            Map.entry(McpMethods.RESOURCES_READ, "ReadResourceResultResponse"),
            Map.entry(McpMethods.PROMPTS_LIST, "ListPromptsResultResponse"),
            Map.entry(McpMethods.PROMPTS_GET, "GetPromptResultResponse"),
            Map.entry(McpMethods.COMPLETION_COMPLETE, "CompleteResultResponse"),
            Map.entry(McpMethods.SUBSCRIPTIONS_LISTEN, "SubscriptionsListenResultResponse"));

    /** Modern: method → its complete result type (the response types also admit an input-required result). */
    private static final Map<String, String> MODERN_RESULTS = Map.ofEntries(
            Map.entry(McpMethods.SERVER_DISCOVER, "DiscoverResult"),
            Map.entry(McpMethods.TOOLS_LIST, "ListToolsResult"),
            Map.entry(McpMethods.TOOLS_CALL, "CallToolResult"),
            Map.entry(McpMethods.RESOURCES_LIST, "ListResourcesResult"),
            Map.entry(McpMethods.RESOURCES_TEMPLATES_LIST, "ListResourceTemplatesResult"),
            Map.entry(McpMethods.RESOURCES_READ, "ReadResourceResult"),
            Map.entry(McpMethods.PROMPTS_LIST, "ListPromptsResult"),
            Map.entry(McpMethods.PROMPTS_GET, "GetPromptResult"),
            Map.entry(McpMethods.COMPLETION_COMPLETE, "CompleteResult"),
            Map.entry(McpMethods.SUBSCRIPTIONS_LISTEN, "SubscriptionsListenResult"));

    /** Methods that may answer with an input-required result (2026-07-28). */
    private static final Set<String> MAY_REQUIRE_INPUT = Set.of(McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET,
            McpMethods.RESOURCES_READ);

    /** Legacy: method → its result type. */
    private static final Map<String, String> LEGACY_RESULTS = Map.ofEntries(
            Map.entry(McpMethods.INITIALIZE, "InitializeResult"),
            Map.entry(McpMethods.PING, "EmptyResult"),
            Map.entry(McpMethods.TOOLS_LIST, "ListToolsResult"),
            Map.entry(McpMethods.TOOLS_CALL, "CallToolResult"),
            Map.entry(McpMethods.RESOURCES_LIST, "ListResourcesResult"),
            Map.entry(McpMethods.RESOURCES_TEMPLATES_LIST, "ListResourceTemplatesResult"),
            Map.entry(McpMethods.RESOURCES_READ, "ReadResourceResult"),
            Map.entry(McpMethods.RESOURCES_SUBSCRIBE, "EmptyResult"),
            Map.entry(McpMethods.RESOURCES_UNSUBSCRIBE, "EmptyResult"),
            Map.entry(McpMethods.PROMPTS_LIST, "ListPromptsResult"),
            Map.entry(McpMethods.PROMPTS_GET, "GetPromptResult"),
            Map.entry(McpMethods.COMPLETION_COMPLETE, "CompleteResult"),
            Map.entry(McpMethods.LOGGING_SET_LEVEL, "EmptyResult"));

    /** Modern: error code → the error type of the {@code error} member. */
    private static final Map<Integer, String> MODERN_ERRORS = Map.of(
            -32700, "ParseError", -32600, "InvalidRequestError", -32601, "MethodNotFoundError",
            -32602, "InvalidParamsError", -32603, "InternalError");

    /** Modern: error code → the whole-response error type. */
    private static final Map<Integer, String> MODERN_ERROR_RESPONSES = Map.of(
            -32020, "HeaderMismatchError", -32021, "MissingRequiredClientCapabilityError",
            -32022, "UnsupportedProtocolVersionError");

    /** Keys whose values are user JSON (schemas, arguments, metadata): never checked for revision fields. */
    private static final Set<String> OPAQUE = Set.of("inputSchema", "outputSchema", "structuredContent",
            "arguments", "_meta", "data", "experimental", "requestedSchema", "input", "metadata", "content");

    private final SchemaRegistry registry;
    private final Map<String, Schema> cache = new ConcurrentHashMap<>();

    private McpSchemas() {
        Map<String, String> documents = new HashMap<>();
        for (ProtocolVersion version : ProtocolVersion.values()) {
            documents.put(BASE + version.id() + "/schema.json", resource("schema/" + version.id() + "/schema.json"));
        }
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(documents));
    }

    /** The schemas as published with the MCP specification. */
    public static McpSchemas official() {
        return OFFICIAL;
    }

    /** The text of a file bundled with the test kit, e.g. {@code schema/2026-07-28/schema.json}. */
    static String resource(String path) {
        try (InputStream in = McpSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test kit resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code version}'s schema defines {@code type}. */
    public boolean defines(ProtocolVersion version, String type) {
        try {
            schema(version, type);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The problems of {@code instance} as an instance of {@code type} in {@code version}; empty if valid. */
    public List<String> validate(JsonNode instance, ProtocolVersion version, String type) {
        List<String> problems = new ArrayList<>();
        for (Error error : schema(version, type).validate(instance)) {
            problems.add(type + " (" + version.id() + "): " + error);
        }
        return problems;
    }

    private Schema schema(ProtocolVersion version, String type) {
        String defs = version.atLeast(ProtocolVersion.V2025_11_25) ? "$defs" : "definitions";
        String location = BASE + version.id() + "/schema.json#/" + defs + "/" + type;
        return cache.computeIfAbsent(location, l -> {
            Schema schema = registry.getSchema(SchemaLocation.of(l));
            if (schema.getSchemaNode() == null || schema.getSchemaNode().isMissingNode()) {
                throw new IllegalArgumentException("the " + version.id() + " schema defines no " + type);
            }
            return schema;
        });
    }

    /**
     * The problems of a message a server sent under {@code version}; empty if it is valid.
     *
     * @param message one JSON-RPC message, or a batch (an array) of them
     * @param answeredMethod for a response, the method of the request it answers, if known
     */
    public List<String> checkServerMessage(JsonNode message, ProtocolVersion version, String answeredMethod) {
        List<String> problems = new ArrayList<>();
        if (message.isArray()) {
            if (version != ProtocolVersion.V2025_03_26) {
                problems.add("a batch was sent in protocol revision " + version.id() + ", which has no batches");
            }
            message.forEach(element -> problems.addAll(checkServerMessage(element, version, null)));
            return problems;
        }
        boolean response = message.has("result") || message.has("error");
        if (response && message.has("result")) {
            checkResult(message, version, answeredMethod, problems);
        } else if (response) {
            checkError(message, version, problems);
        } else if (message.has("id")) {
            if (version.isModern()) {
                problems.add("the server sent a request (" + message.path("method").asString() + ") in 2026-07-28,"
                        + " where servers never initiate requests");
            } else {
                problems.addAll(validate(message, version, "ServerRequest"));
            }
        } else {
            problems.addAll(validate(message, version, "ServerNotification"));
            if (!version.isModern()) {
                checkLegacyFields(message.path("params"), version, "params", problems);
            }
        }
        return problems;
    }

    private void checkResult(JsonNode message, ProtocolVersion version, String method, List<String> problems) {
        if (version.isModern()) {
            problems.addAll(validate(message, version,
                    method == null ? "JSONRPCResultResponse" : MODERN_RESPONSES.getOrDefault(method, "JSONRPCResultResponse")));
            JsonNode result = message.path("result");
            String resultType = result.path("resultType").asString(null);
            if (resultType == null) {
                problems.add("a 2026-07-28 result lacks resultType");
            } else if ("input_required".equals(resultType)) {
                if (method != null && !MAY_REQUIRE_INPUT.contains(method)) {
                    problems.add(method + " must not answer with an input-required result");
                }
                problems.addAll(validate(result, version, "InputRequiredResult"));
            } else if (!"complete".equals(resultType)) {
                problems.add("resultType " + resultType + " is not defined in 2026-07-28");
            } else if (method != null && MODERN_RESULTS.containsKey(method)) {
                problems.addAll(validate(result, version, MODERN_RESULTS.get(method)));
            }
        } else {
            problems.addAll(validate(message, version, "JSONRPCResponse"));
            String resultType = method == null ? null : LEGACY_RESULTS.get(method);
            if (resultType != null) {
                problems.addAll(validate(message.path("result"), version, resultType));
            }
            checkLegacyFields(message.path("result"), version, "result", problems);
        }
    }

    private void checkError(JsonNode message, ProtocolVersion version, List<String> problems) {
        int code = message.path("error").path("code").asInt();
        if (version.isModern()) {
            problems.addAll(validate(message, version, "JSONRPCErrorResponse"));
            String specific = MODERN_ERROR_RESPONSES.get(code);
            if (specific != null) {
                problems.addAll(validate(message, version, specific));
            }
            String errorType = MODERN_ERRORS.get(code);
            if (errorType != null) {
                problems.addAll(validate(message.path("error"), version, errorType));
            }
            if (code == -32002 || code == -32042 || (code <= -32020 && code >= -32099 && specific == null)) {
                problems.add("error code " + code + " must not be sent in 2026-07-28");
            }
        } else if (version.atLeast(ProtocolVersion.V2025_11_25)) {
            problems.addAll(validate(message, version, "JSONRPCErrorResponse"));
        } else if (message.has("id")) {
            problems.addAll(validate(message, version, "JSONRPCError"));
        } else {
            // the schemas up to 2025-06-18 cannot express an error without an id (a parse error): check the rest
            for (String problem : validate(message.path("error"), version, "JSONRPCError")) {
                if (!problem.contains("required")) {
                    problems.add(problem);
                }
            }
            if (!message.path("error").has("code") || !message.path("error").has("message")) {
                problems.add("an error lacks its code or message");
            }
        }
    }

    /** Fields a legacy revision does not have, found outside user JSON. */
    private static void checkLegacyFields(JsonNode node, ProtocolVersion version, String path, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                if (FIELD_SINCE.containsKey(name) && !version.atLeast(FIELD_SINCE.get(name))) {
                    problems.add(path + "." + name + " does not exist in protocol revision " + version.id());
                }
                if ("type".equals(name) && field.getValue().isString()) {
                    ProtocolVersion since = CONTENT_SINCE.get(field.getValue().asString());
                    if (since != null && !version.atLeast(since)) {
                        problems.add(path + " is a " + field.getValue().asString()
                                + " block, which protocol revision " + version.id() + " does not have");
                    }
                }
                if (!OPAQUE.contains(name) || ("content".equals(name) && field.getValue().isArray())) {
                    checkLegacyFields(field.getValue(), version, path + "." + name, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkLegacyFields(node.get(i), version, path + "[" + i + "]", problems);
            }
        }
    }

    private static final Map<String, ProtocolVersion> FIELD_SINCE = Map.of(
            "resultType", ProtocolVersion.V2026_07_28,
            "ttlMs", ProtocolVersion.V2026_07_28,
            "cacheScope", ProtocolVersion.V2026_07_28,
            "title", ProtocolVersion.V2025_06_18,
            "outputSchema", ProtocolVersion.V2025_06_18,
            "structuredContent", ProtocolVersion.V2025_06_18,
            "icons", ProtocolVersion.V2025_11_25,
            "websiteUrl", ProtocolVersion.V2025_11_25,
            "completions", ProtocolVersion.V2025_03_26);

    private static final Map<String, ProtocolVersion> CONTENT_SINCE = Map.of(
            "audio", ProtocolVersion.V2025_03_26,
            "resource_link", ProtocolVersion.V2025_06_18);
}
