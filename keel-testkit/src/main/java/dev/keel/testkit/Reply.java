package dev.keel.testkit;

import java.util.Objects;

import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;

/**
 * A response the server sent: its result, or its error.
 *
 * @param message the whole JSON-RPC message
 */
public record Reply(JsonNode message) {

    private static final JsonRpcCodec CODEC = JsonRpcCodec.create();

    public Reply {
        Objects.requireNonNull(message, "message");
    }

    /** Whether this is an error response. */
    public boolean isError() {
        return message.has("error");
    }

    /** The {@code id}, or a missing node for an error without one. */
    public JsonNode id() {
        return message.path("id");
    }

    /** The {@code result}. @throws AssertionError if this is an error */
    public JsonNode result() {
        if (isError()) {
            throw new AssertionError("expected a result but the server answered with an error: " + message);
        }
        return message.get("result");
    }

    /** The {@code result} bound to {@code type}. @throws AssertionError if this is an error */
    public <T> T result(Class<T> type) {
        return CODEC.mapper().treeToValue(result(), type);
    }

    /** The error's code. @throws AssertionError if this is a result */
    public int errorCode() {
        return error().path("code").asInt();
    }

    /** The error's message. @throws AssertionError if this is a result */
    public String errorMessage() {
        return error().path("message").asString();
    }

    /** The error's {@code data}, or a missing node. @throws AssertionError if this is a result */
    public JsonNode errorData() {
        return error().path("data");
    }

    /** The {@code error} member. @throws AssertionError if this is a result */
    public JsonNode error() {
        if (!isError()) {
            throw new AssertionError("expected an error but the server answered with a result: " + message);
        }
        return message.get("error");
    }

    @Override
    public String toString() {
        return message.toString();
    }
}
