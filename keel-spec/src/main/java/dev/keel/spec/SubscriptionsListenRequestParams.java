package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code subscriptions/listen} (2026-07-28): open a stream of the notifications
 * {@code notifications} names. It replaces the legacy GET stream and {@code resources/subscribe}.
 *
 * @param notifications the notifications wanted
 * @param meta {@code _meta}, or {@code null}
 */
public record SubscriptionsListenRequestParams(SubscriptionFilter notifications,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public SubscriptionsListenRequestParams {
        Objects.requireNonNull(notifications, "notifications");
    }
}
