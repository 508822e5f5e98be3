package dev.keel.jsonrpc;

import java.util.Objects;

/**
 * The answer to a {@link Request}: a {@link Success} carrying a result, or a {@link Failure}
 * carrying an error.
 */
public sealed interface Response extends JsonRpcMessage permits Response.Success, Response.Failure {

    /** The id of the request this answers; {@code null} only for a failure whose request id was unreadable. */
    RequestId id();

    /** A successful answer. */
    static Success success(RequestId id, Object result) {
        return new Success(id, result);
    }

    /** An error answer. */
    static Failure failure(RequestId id, JsonRpcError error) {
        return new Failure(id, error);
    }

    /**
     * A successful answer.
     *
     * @param id the request id, never {@code null}
     * @param result the result, never {@code null}: a {@link RawJson} slice when decoded, or any
     *     value Jackson can write when built to be sent
     */
    record Success(RequestId id, Object result) implements Response {
        public Success {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(result, "result");
        }

        /** The decoded result, or {@code null} when this response was built in memory. */
        public RawJson rawResult() {
            return result instanceof RawJson raw ? raw : null;
        }
    }

    /**
     * An error answer.
     *
     * @param id the request id, or {@code null} when it could not be read (a parse error, say)
     * @param error the error, never {@code null}
     */
    record Failure(RequestId id, JsonRpcError error) implements Response {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }
}
