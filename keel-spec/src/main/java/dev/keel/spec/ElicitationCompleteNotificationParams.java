package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code notifications/elicitation/complete} (2025-11-25 only): the out-of-band
 * interaction of a URL-mode elicitation has finished. Sent only to the client that started it.
 *
 * @param elicitationId the {@link ElicitRequestURLParams#elicitationId() elicitationId} of that request
 * @param meta {@code _meta}, or {@code null}
 */
public record ElicitationCompleteNotificationParams(String elicitationId,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public ElicitationCompleteNotificationParams {
        Objects.requireNonNull(elicitationId, "elicitationId");
    }
}
