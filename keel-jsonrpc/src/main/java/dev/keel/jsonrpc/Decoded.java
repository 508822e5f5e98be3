package dev.keel.jsonrpc;

import java.util.List;
import java.util.Objects;

/**
 * What {@link JsonRpcCodec#decode} made of one unit of input: a message, a batch, or the error to
 * answer with. Decoding never throws for bad input.
 */
public sealed interface Decoded permits Decoded.Message, Decoded.Invalid, Decoded.Batch {

    /** A well-formed message. */
    record Message(JsonRpcMessage message) implements Decoded {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Input that is not a valid message, with the error to answer it with.
     *
     * @param id the request id if it could be read, else {@code null}
     * @param error the error naming the problem
     * @param request whether the input looked like a request, so that an answer is owed; {@code false}
     *     for input that was recognisably a notification or a response, which must not be answered
     */
    record Invalid(RequestId id, JsonRpcError error, boolean request) implements Decoded {
        public Invalid {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A JSON array of messages. Its items are {@link Message} or {@link Invalid}, never a nested batch.
     * Whether batches are allowed at all is for the caller to decide (MCP 2025-03-26 only).
     */
    record Batch(List<Decoded> items) implements Decoded {
        public Batch {
            items = List.copyOf(items);
        }
    }
}
