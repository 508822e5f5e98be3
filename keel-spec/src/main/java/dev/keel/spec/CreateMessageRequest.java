package dev.keel.spec;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code sampling/createMessage} request: ask the client to sample its model. In 2026-07-28 it
 * travels inside an {@link InputRequiredResult} (sampling is deprecated there but works); legacy
 * revisions send it as a JSON-RPC request with these params.
 *
 * @param params what to sample
 */
public record CreateMessageRequest(CreateMessageRequestParams params) implements InputRequest {

    public CreateMessageRequest {
        Objects.requireNonNull(params, "params");
    }

    /** {@code sampling/createMessage}. */
    @Override
    @JsonProperty("method")
    public String method() {
        return McpMethods.SAMPLING_CREATE_MESSAGE;
    }
}
