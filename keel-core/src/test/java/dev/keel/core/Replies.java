package dev.keel.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.TextContent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** What the engine's tests send and how they read what comes back. */
final class Replies {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Replies() {
    }

    /** {@code value} as JSON (the arguments of a call, say). */
    static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    /** The params of {@code tools/call} of {@code name} with {@code arguments}. */
    static ObjectNode toolCall(String name, Map<String, ?> arguments) {
        ObjectNode params = JSON.createObjectNode().put("name", name);
        params.set("arguments", json(arguments));
        return params;
    }

    /** As {@link #toolCall}, asking for progress under {@code progressToken}. */
    static ObjectNode toolCallWithProgress(String name, Map<String, ?> arguments, Object progressToken) {
        ObjectNode params = toolCall(name, arguments);
        params.putObject("_meta").set(MetaKeys.PROGRESS_TOKEN, json(progressToken));
        return params;
    }

    /** The text of all text blocks, joined by newlines. */
    static String text(CallToolResult result) {
        List<String> texts = new ArrayList<>();
        result.content().forEach(block -> {
            if (block instanceof TextContent text) {
                texts.add(text.text());
            }
        });
        return String.join("\n", texts);
    }

    /** The result of a success. @throws AssertionError for an error */
    static JsonNode result(Response response) {
        return switch (response) {
            case Response.Success success -> success.rawResult().tree();
            case Response.Failure failure -> throw new AssertionError("expected a result but got " + failure.error());
        };
    }

    /** The error of a failure. @throws AssertionError for a success */
    static JsonRpcError error(Response response) {
        return switch (response) {
            case Response.Failure failure -> failure.error();
            case Response.Success success -> throw new AssertionError("expected an error but got " + success.result());
        };
    }

    /** The error's {@code data}, or a missing node. @throws AssertionError for a success */
    static JsonNode errorData(Response response) {
        return error(response).data() instanceof RawJson data ? data.tree() : MissingNode.getInstance();
    }
}
