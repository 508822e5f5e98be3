package dev.keel.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code tools/call}, {@code prompts/get} or {@code resources/read} when the server
 * needs more before it can finish (2026-07-28, multi round-trip requests): the client fulfils
 * {@code inputRequests}, then retries the same request with a new id, adding the answers as
 * {@code inputResponses} under the same keys and echoing {@code requestState} exactly. Written with
 * {@code resultType: "input_required"}; at least one of the two fields is present.
 *
 * <p>{@code requestState} comes back from the client: treat it as untrusted input, and protect its
 * integrity when it matters.
 *
 * @param inputRequests what the client must do, by server-chosen key, or {@code null}
 * @param requestState opaque state for the retry, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record InputRequiredResult(
        Map<String, InputRequest> inputRequests,
        String requestState,
        @JsonProperty("_meta") Map<String, Object> meta) implements Result {

    public InputRequiredResult {
        if (inputRequests == null && requestState == null) {
            throw new IllegalArgumentException("an input-required result needs inputRequests, requestState or both");
        }
        inputRequests = inputRequests == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(inputRequests));
    }

    /** A result asking for {@code inputRequests} (or {@code null}) and carrying {@code requestState} (or {@code null}). */
    public static InputRequiredResult of(Map<String, InputRequest> inputRequests, String requestState) {
        return new InputRequiredResult(inputRequests, requestState, null);
    }

    /** {@code "input_required"}. */
    @Override
    public String resultType() {
        return "input_required";
    }

    @Override
    public InputRequiredResult withMeta(Map<String, Object> meta) {
        return new InputRequiredResult(inputRequests, requestState, meta);
    }
}
