package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.keel.jsonrpc.RequestId;

/**
 * The parameters of a notification that carries nothing but {@code _meta}: the
 * {@code list_changed} notifications, whose {@code _meta} names the {@code subscriptions/listen}
 * stream they belong to in 2026-07-28.
 *
 * @param meta {@code _meta}, or {@code null}
 */
public record NotificationParams(@JsonProperty("_meta") Map<String, Object> meta) {

    /** Parameters naming the listen stream {@code subscriptionId}. */
    public static NotificationParams forSubscription(RequestId subscriptionId) {
        return new NotificationParams(Map.of(MetaKeys.SUBSCRIPTION_ID, subscriptionId));
    }
}
