package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code notifications/resources/updated}: a resource the client subscribed to has
 * changed (through {@code resources/subscribe} in legacy revisions, a {@code subscriptions/listen}
 * stream in 2026-07-28, where {@code _meta} names the subscription).
 *
 * @param uri the resource that changed; it may be a sub-resource of the one subscribed to
 * @param meta {@code _meta}, or {@code null}
 */
public record ResourceUpdatedNotificationParams(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    public ResourceUpdatedNotificationParams {
        Objects.requireNonNull(uri, "uri");
    }

    /** The notification that {@code uri} changed. */
    public static ResourceUpdatedNotificationParams of(String uri) {
        return new ResourceUpdatedNotificationParams(uri, null);
    }
}
