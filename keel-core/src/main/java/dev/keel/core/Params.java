package dev.keel.core;

import dev.keel.jsonrpc.RawJson;
import tools.jackson.core.JacksonException;

/** Binding a method's params to its record, with the errors a client can act on. */
final class Params {

    private Params() {
    }

    /** {@code params} bound to {@code type}; missing or malformed params are {@code -32602}. */
    static <T> T bind(RawJson params, Class<T> type, String method) {
        if (params == null) {
            throw McpException.invalidParams("Invalid params: " + method + " needs params");
        }
        try {
            return params.bind(type);
        } catch (JacksonException e) {
            throw Failures.bindingFailure(method + " params are malformed", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw McpException.invalidParams("Invalid params: " + method + " params are malformed: " + e.getMessage());
        }
    }
}
