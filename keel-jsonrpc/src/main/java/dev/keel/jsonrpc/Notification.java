package dev.keel.jsonrpc;

import java.util.Objects;

/**
 * A notification: a message without an id. Its receiver never answers it, not even with an error.
 *
 * @param method the method name, never {@code null}
 * @param params the parameters or {@code null}: a {@link RawJson} slice when decoded, or any value
 *     Jackson can write when built to be sent
 */
public record Notification(String method, Object params) implements JsonRpcMessage {
    public Notification {
        Objects.requireNonNull(method, "method");
    }

    /** The decoded parameters, or {@code null} when the notification had none or was built in memory. */
    public RawJson rawParams() {
        return params instanceof RawJson raw ? raw : null;
    }
}
