package dev.keel.core;

import java.util.Objects;

import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.McpMethods;

/**
 * One request as middleware sees it: its id, method and raw parameters, and its {@link CallContext}.
 *
 * @param id the JSON-RPC id
 * @param method the method name
 * @param params the parameters as received, or {@code null}
 * @param context what is known about the request
 */
public record Call(RequestId id, String method, RawJson params, CallContext context) {
    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(context, "context");
    }

    /**
     * What the request names, for logs and metrics: the tool of a {@code tools/call}, the prompt of a
     * {@code prompts/get}, the URI of a {@code resources/read}; {@code null} for other methods, or
     * when the params lack it. Read without binding the params, and for a {@code tools/call} from the
     * params the channel has read already.
     */
    public String target() {
        if (params == null) {
            return null;
        }
        return switch (method) {
            case McpMethods.TOOLS_CALL -> {
                ToolCallParams ahead = ToolCallParams.of(this);
                yield ahead != null ? ahead.call().name() : params.stringMember("name");
            }
            case McpMethods.PROMPTS_GET -> params.stringMember("name");
            case McpMethods.RESOURCES_READ -> params.stringMember("uri");
            default -> null;
        };
    }
}
