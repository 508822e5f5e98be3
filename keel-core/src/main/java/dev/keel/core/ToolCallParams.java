package dev.keel.core;

import java.util.Map;

import dev.keel.jsonrpc.RawJson;
import dev.keel.spec.CallToolRequestParams;
import dev.keel.spec.InputResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A {@code tools/call}'s params read in one streaming pass: the call (its {@code meta} left null) and
 * its {@code _meta}. The channel reads them once, on the thread that received the request, because
 * the tool's name decides whether the call may block there; era resolution and the dispatcher then
 * take them from the {@link CallContext} instead of each reading the params again.
 *
 * @param source the params these were read from: a middleware that hands on other params makes them stale
 */
record ToolCallParams(RawJson source, CallToolRequestParams call, RequestMeta meta) {

    private static final TypeReference<Map<String, InputResponse>> ANSWERS = new TypeReference<>() {
    };

    /** Reads {@code params}; throws the invalid-params error that names what is wrong with them. */
    static ToolCallParams read(RawJson params, ParamsReader.Binders binders) {
        if (params == null) {
            throw McpException.invalidParams("Invalid params: tools/call needs params");
        }
        String name = null;
        JsonNode arguments = null;
        Map<String, InputResponse> inputResponses = null;
        String requestState = null;
        RequestMeta meta = RequestMeta.NONE;
        try (ParamsReader reader = ParamsReader.open(params, binders, "tools/call params")) {
            for (String member = reader.next(); member != null; member = reader.next()) {
                switch (member) {
                    case "name" -> name = binders.limits.name(reader.string("tools/call params.name"),
                            "tools/call params.name");
                    case "arguments" -> arguments = reader.tree("tools/call params.arguments");
                    case "inputResponses" -> inputResponses = reader.bind("tools/call params.inputResponses", ANSWERS);
                    case "requestState" -> requestState = reader.string("tools/call params.requestState");
                    case "_meta" -> meta = RequestMeta.read(reader);
                    default -> reader.skip();
                }
            }
        }
        return new ToolCallParams(params, new CallToolRequestParams(name, arguments, inputResponses, requestState, null),
                meta);
    }

    /**
     * Reads {@code params} ahead of the call, or returns null when they are invalid: whoever needs
     * them then reads them again, in the call, and reports the problem where it always has.
     */
    static ToolCallParams readAhead(RawJson params, ParamsReader.Binders binders) {
        try {
            return read(params, binders);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The params read ahead for {@code call}, or null: none were, or they are not the call's any more. */
    static ToolCallParams of(Call call) {
        RequestScope scope = call.context().scope;
        ToolCallParams ahead = scope == null ? null : scope.toolCallParams;
        return ahead != null && ahead.source == call.params() ? ahead : null;
    }
}
