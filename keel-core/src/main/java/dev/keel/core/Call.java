package dev.keel.core;

import java.util.Objects;

import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.RequestId;

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
}
