package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code resources/subscribe} (legacy only; 2026-07-28 uses
 * {@code subscriptions/listen}).
 *
 * @param uri the resource whose updates the client wants
 * @param meta {@code _meta}, or {@code null}
 */
public record SubscribeRequestParams(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    public SubscribeRequestParams {
        Objects.requireNonNull(uri, "uri");
    }
}
