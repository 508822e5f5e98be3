package dev.keel.spec;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An {@code elicitation/create} request: ask the user for input, through a form or at a URL. In
 * 2026-07-28 it travels inside an {@link InputRequiredResult}; legacy revisions (2025-06-18 and
 * later) send it as a JSON-RPC request with these params.
 *
 * @param params what to ask
 */
public record ElicitRequest(ElicitRequestParams params) implements InputRequest {

    public ElicitRequest {
        Objects.requireNonNull(params, "params");
    }

    /** A form-mode request: {@code message} and the flat schema of the answer. */
    public static ElicitRequest form(String message, ElicitRequestFormParams.RequestedSchema requestedSchema) {
        return new ElicitRequest(ElicitRequestFormParams.of(message, requestedSchema));
    }

    /** A URL-mode request: the user opens {@code url} (2025-11-25 and later). */
    public static ElicitRequest url(String message, String url) {
        return new ElicitRequest(new ElicitRequestURLParams(message, url, null, null));
    }

    /** {@code elicitation/create}. */
    @Override
    @JsonProperty("method")
    public String method() {
        return McpMethods.ELICITATION_CREATE;
    }
}
