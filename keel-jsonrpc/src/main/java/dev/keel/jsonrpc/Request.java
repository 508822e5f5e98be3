package dev.keel.jsonrpc;

import java.util.Objects;

/**
 * A request: it has an id and expects exactly one {@link Response} with the same id.
 *
 * @param id the request id, never {@code null}
 * @param method the method name, never {@code null}
 * @param params the parameters or {@code null}: a {@link RawJson} slice when decoded, or any value
 *     Jackson can write when built to be sent
 */
public record Request(RequestId id, String method, Object params) implements JsonRpcMessage {
    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
    }

    /** The decoded parameters, or {@code null} when the request had none or was built in memory. */
    public RawJson rawParams() {
        return params instanceof RawJson raw ? raw : null;
    }
}
