package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code resources/unsubscribe} (legacy only).
 *
 * @param uri the resource whose updates the client no longer wants
 * @param meta {@code _meta}, or {@code null}
 */
public record UnsubscribeRequestParams(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    public UnsubscribeRequestParams {
        Objects.requireNonNull(uri, "uri");
    }
}
