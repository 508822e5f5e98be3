package dev.keel.transport.http;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.RequestId;
import dev.keel.jsonrpc.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.util.Callback;

/**
 * The transport's own answers, the same on every path: an HTTP status with a JSON-RPC error body that
 * names the problem (id-less when the request's id is unknown), 503 and 429 with {@code Retry-After}, 202.
 */
final class HttpAnswers {

    private final JsonRpcCodec codec;
    private final String retryAfterSeconds;

    HttpAnswers(JsonRpcCodec codec, Duration retryAfter) {
        this.codec = codec;
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    /** {@code status} with an Invalid Request error saying {@code message}. */
    void reject(org.eclipse.jetty.server.Response response, Callback callback, int status, RequestId id,
            String message) {
        reject(response, callback, status, id, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, message));
    }

    /** {@code status} with {@code error} as a JSON-RPC error body. */
    void reject(org.eclipse.jetty.server.Response response, Callback callback, int status, RequestId id,
            JsonRpcError error) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(codec.encode(Response.failure(id, error))), callback);
    }

    /** 503 with {@code Retry-After}: the server is at a limit, or stopping. */
    void unavailable(org.eclipse.jetty.server.Response response, Callback callback, String message) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        reject(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, null,
                JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, message));
    }

    /**
     * 429 with {@code Retry-After}: this client is at one of its own limits ({@link PerAddressLimits}),
     * while the server serves others. Not 503, which says the server is unavailable to everyone and may
     * lead a load balancer to take it out of service.
     */
    void tooMany(org.eclipse.jetty.server.Response response, Callback callback, String message) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        reject(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, null,
                JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, message));
    }

    /** 202: a notification or a response was taken, and nothing is owed for it. */
    static void accepted(org.eclipse.jetty.server.Response response, Callback callback) {
        response.setStatus(HttpStatus.ACCEPTED_202);
        callback.succeeded();
    }
}
