package dev.keel.server;

import org.slf4j.MDC;

import dev.keel.core.Call;
import dev.keel.core.Middleware;
import dev.keel.core.RequestIdMiddleware;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Response;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Puts the request's id, method and target (the tool or prompt name, or the resource URI) into the
 * SLF4J MDC for as long as the request runs, so that every log line about it carries them (and JSON
 * logs carry them as fields). Runs after {@link RequestIdMiddleware}.
 */
final class MdcMiddleware implements Middleware {

    @Override
    public Response handle(Call call, Chain chain) {
        String requestId = call.context().get(RequestIdMiddleware.REQUEST_ID);
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        MDC.put("method", call.method());
        String target = switch (call.method()) {
            case "tools/call", "prompts/get" -> topLevelString(call.params(), "name");
            case "resources/read" -> topLevelString(call.params(), "uri");
            default -> null;
        };
        if (target != null) {
            MDC.put(call.method().equals("resources/read") ? "uri" : call.method().equals("tools/call") ? "tool" : "prompt",
                    target);
        }
        try {
            return chain.proceed(call);
        } finally {
            MDC.clear();
        }
    }

    /** A top-level string member of {@code params}, read without binding the rest; null if absent. */
    private static String topLevelString(RawJson params, String field) {
        if (params == null || !params.isObject()) {
            return null;
        }
        try (JsonParser parser = params.parser()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getString();
                }
                parser.skipChildren();
            }
        } catch (RuntimeException e) {
            // malformed params: the engine answers that; the log line just lacks the target
        }
        return null;
    }

    @Override
    public String name() {
        return "mdc";
    }

    @Override
    public boolean blocking() {
        return false;
    }
}
