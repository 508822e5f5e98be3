package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * URL-mode elicitation (2025-11-25 and later): the user opens {@code url} outside the client, for
 * input that must not pass through it (credentials, payments, third-party authorization). Only send
 * it to a client that declared {@code elicitation.url}. {@code accept} means the user consented to
 * open the URL, not that the interaction finished.
 *
 * @param message why the user should open the URL
 * @param url the URL; it must not carry credentials or personal data, nor be pre-authenticated
 * @param elicitationId the id that {@code notifications/elicitation/complete} and error
 *     {@code -32042} refer to: required in 2025-11-25, absent in 2026-07-28, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"mode", "message", "url", "elicitationId"})
@JsonIgnoreProperties(value = "mode", allowGetters = true)
public record ElicitRequestURLParams(
        String message,
        String url,
        @JsonView(Since.R2025_11_25.class) String elicitationId,
        @JsonProperty("_meta") Map<String, Object> meta) implements ElicitRequestParams {

    public ElicitRequestURLParams {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(url, "url");
        try {
            java.net.URI parsed = new java.net.URI(url);
            if (!parsed.isAbsolute() || parsed.getHost() == null) {
                throw new IllegalArgumentException("the elicitation url must be an absolute URL with a host, was " + url);
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the elicitation url is not a valid URL: " + e.getReason(), e);
        }
    }

    /** {@code "url"}. */
    @Override
    @JsonProperty("mode")
    public String mode() {
        return "url";
    }
}
