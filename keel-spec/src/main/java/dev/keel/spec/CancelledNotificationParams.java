package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.keel.jsonrpc.RequestId;

/**
 * The parameters of {@code notifications/cancelled}.
 *
 * @param requestId the request to cancel; a malformed notification may lack it
 * @param reason why, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record CancelledNotificationParams(RequestId requestId, String reason,
        @JsonProperty("_meta") Map<String, Object> meta) {
}
