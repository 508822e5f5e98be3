package dev.keel.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.ProtocolVersion;

/**
 * A protocol fault: thrown by a handler or a middleware, answered with a JSON-RPC error.
 *
 * <p>Use it for faults of the request itself (an unknown tool, a malformed cursor, a missing
 * resource). A tool whose work fails returns {@link CallToolResult#error(String)}
 * instead, so the model can read why. Any other exception becomes an internal error whose details
 * stay in the server log.
 *
 * <p>The message is sent to the client: keep it one short sentence, and free of secrets. Instances
 * carry no stack trace; they are cheap to throw.
 */
public class McpException extends RuntimeException {

    /** Legacy: a resource does not exist (2026-07-28 uses {@link JsonRpcError#INVALID_PARAMS}). */
    public static final int RESOURCE_NOT_FOUND = -32002;
    /** 2026-07-28: an HTTP header is missing or differs from the body. */
    public static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: the request needs a client capability it did not declare. */
    public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    /** 2026-07-28: the request's protocol version is not served. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /** 2025-11-25: a URL-mode elicitation must complete first. */
    public static final int URL_ELICITATION_REQUIRED = -32042;

    private final int code;
    private final Integer legacyCode;
    private final transient Object data;

    /** A fault with the given JSON-RPC code, message and data (any value Jackson can write, or null). */
    public McpException(int code, String message, Object data) {
        this(code, null, message, data);
    }

    private McpException(int code, Integer legacyCode, String message, Object data) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = code;
        this.legacyCode = legacyCode;
        this.data = data;
    }

    /** The parameters are invalid: an unknown tool or prompt, a missing argument, a bad cursor. */
    public static McpException invalidParams(String message) {
        return new McpException(JsonRpcError.INVALID_PARAMS, message, null);
    }

    /** The parameters are invalid; {@code data} says more. */
    public static McpException invalidParams(String message, Object data) {
        return new McpException(JsonRpcError.INVALID_PARAMS, message, data);
    }

    /** The message is not a valid request in the current state. */
    public static McpException invalidRequest(String message) {
        return new McpException(JsonRpcError.INVALID_REQUEST, message, null);
    }

    /** The method does not exist in the protocol revision in use. */
    public static McpException methodNotFound(String message) {
        return new McpException(JsonRpcError.METHOD_NOT_FOUND, message, null);
    }

    /** The server failed in a way the client should know about (no details of the cause). */
    public static McpException internalError(String message) {
        return new McpException(JsonRpcError.INTERNAL_ERROR, message, null);
    }

    /**
     * The resource {@code uri} does not exist: {@code -32602} in 2026-07-28 (a MUST), {@code -32002} in
     * legacy sessions, each with {@code data.uri}.
     */
    public static McpException resourceNotFound(String uri) {
        return new McpException(JsonRpcError.INVALID_PARAMS, RESOURCE_NOT_FOUND, "Resource not found: " + uri,
                Map.of("uri", uri));
    }

    /** The request's protocol version is not served; {@code data} lists what is. */
    public static McpException unsupportedProtocolVersion(String requested, List<String> supported) {
        return new McpException(UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version: " + requested,
                new UnsupportedVersion(supported, requested));
    }

    /**
     * A header that mirrors the body (2026-07-28 Streamable HTTP: {@code MCP-Protocol-Version},
     * {@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*}) is missing, malformed or differs from it.
     */
    public static McpException headerMismatch(String message) {
        return new McpException(HEADER_MISMATCH, message, null);
    }

    /** The request needs {@code required}, which the client did not declare on it. */
    public static McpException missingClientCapability(String message, ClientCapabilities required) {
        return new McpException(MISSING_REQUIRED_CLIENT_CAPABILITY, message, new MissingCapability(required));
    }

    /** The JSON-RPC error code, as used in 2026-07-28. */
    public int code() {
        return code;
    }

    /** The JSON-RPC error code for a client of {@code version} ({@code null}: not yet known). */
    public int code(ProtocolVersion version) {
        return legacyCode != null && version != null && !version.isModern() ? legacyCode : code;
    }

    /** The error's {@code data}, or {@code null}. */
    public Object data() {
        return data;
    }

    /**
     * This fault as the JSON-RPC error a client of {@code version} receives. 2026-07-28 reserves
     * -32020 to -32099 for the codes it defines and forbids -32002 and -32042: a handler's fault with
     * such a code is sent as -32602 (for -32002, resource not found) or -32603, so a client never
     * sees a code it must not.
     */
    public JsonRpcError toError(ProtocolVersion version) {
        int code = code(version);
        if (version != null && version.isModern() && !allowedInModern(code)) {
            code = code == RESOURCE_NOT_FOUND ? JsonRpcError.INVALID_PARAMS : JsonRpcError.INTERNAL_ERROR;
        }
        return new JsonRpcError(code, getMessage(), data);
    }

    private static boolean allowedInModern(int code) {
        if (code == RESOURCE_NOT_FOUND || code == URL_ELICITATION_REQUIRED) {
            return false;
        }
        return code > -32020 || code < -32099 || code == HEADER_MISMATCH || code == MISSING_REQUIRED_CLIENT_CAPABILITY
                || code == UNSUPPORTED_PROTOCOL_VERSION;
    }

    /** {@code data} of -32022. */
    record UnsupportedVersion(List<String> supported, String requested) {
    }

    /** {@code data} of -32021. */
    record MissingCapability(ClientCapabilities requiredCapabilities) {
    }
}
