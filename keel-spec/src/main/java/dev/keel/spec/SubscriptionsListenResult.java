package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.keel.jsonrpc.RequestId;

/**
 * The answer that ends a {@code subscriptions/listen} stream the server closes gracefully
 * (2026-07-28). It carries nothing but {@code _meta}, which must name the subscription: the id of
 * the listen request, under {@value MetaKeys#SUBSCRIPTION_ID}.
 *
 * @param meta {@code _meta}, carrying the subscription id
 */
public record SubscriptionsListenResult(@JsonProperty("_meta") Map<String, Object> meta) implements Result {

    public SubscriptionsListenResult {
        Objects.requireNonNull(meta, "meta");
        if (meta.get(MetaKeys.SUBSCRIPTION_ID) == null) {
            throw new IllegalArgumentException("the _meta of a subscriptions/listen result must carry "
                    + MetaKeys.SUBSCRIPTION_ID);
        }
    }

    /** The result that ends the subscription opened by the listen request {@code subscriptionId}. */
    public static SubscriptionsListenResult of(RequestId subscriptionId) {
        return new SubscriptionsListenResult(Map.of(MetaKeys.SUBSCRIPTION_ID, subscriptionId));
    }

    /** The id of the listen request this result ends. */
    public RequestId subscriptionId() {
        Object id = meta.get(MetaKeys.SUBSCRIPTION_ID);
        return id instanceof RequestId requestId ? requestId : RequestId.fromJson(id);
    }

    /** A copy with {@code meta}, which must carry the subscription id too. */
    @Override
    public SubscriptionsListenResult withMeta(Map<String, Object> meta) {
        return new SubscriptionsListenResult(meta);
    }
}
