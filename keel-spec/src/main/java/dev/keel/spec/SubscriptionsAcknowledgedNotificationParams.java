package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code notifications/subscriptions/acknowledged} (2026-07-28): the first message
 * of a {@code subscriptions/listen} stream, saying which of the requested notifications the server
 * will send. Its {@code _meta} names the subscription under {@value MetaKeys#SUBSCRIPTION_ID}.
 *
 * @param notifications the notifications the server honours: a subset of those requested
 * @param meta {@code _meta}, carrying the subscription id
 */
public record SubscriptionsAcknowledgedNotificationParams(SubscriptionFilter notifications,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public SubscriptionsAcknowledgedNotificationParams {
        Objects.requireNonNull(notifications, "notifications");
    }
}
