package dev.keel.jsonrpc;

import java.util.Objects;

/**
 * The {@code error} member of a failed response.
 *
 * @param code the error code; see the constants of this type for the ones JSON-RPC defines
 * @param message one short sentence that names the problem
 * @param data additional information, or {@code null}: a {@link RawJson} when decoded, or any value
 *     Jackson can write
 */
public record JsonRpcError(int code, String message, Object data) {

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not available. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Internal error. */
    public static final int INTERNAL_ERROR = -32603;

    public JsonRpcError {
        Objects.requireNonNull(message, "message");
    }

    /** An error without data. */
    public static JsonRpcError of(int code, String message) {
        return new JsonRpcError(code, message, null);
    }
}
