package dev.keel.core;

import java.util.Collection;
import java.util.Map;

import dev.keel.core.spi.ServerEvent;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.NotificationParams;
import dev.keel.spec.ResourceUpdatedNotificationParams;
import dev.keel.spec.SubscriptionFilter;

/** What change notifications look like, and who wants which. */
final class Subscriptions {

    private Subscriptions() {
    }

    /**
     * Whether a subscription to any of {@code subscribed} covers an update of {@code uri}: the same
     * URI, or one below it ({@code file:///a} covers {@code file:///a/b}).
     */
    static boolean covers(Collection<String> subscribed, String uri) {
        for (String s : subscribed) {
            if (uri.equals(s) || (uri.startsWith(s) && (s.endsWith("/") || uri.charAt(s.length()) == '/'))) {
                return true;
            }
        }
        return false;
    }

    /** The legacy notification for {@code event}, or {@code null} if a session should not hear of it. */
    static Notification legacy(ServerEvent event, LegacySession session) {
        return switch (event) {
            case ServerEvent.ToolsChanged e -> new Notification(McpMethods.NOTIFICATIONS_TOOLS_LIST_CHANGED, null);
            case ServerEvent.PromptsChanged e -> new Notification(McpMethods.NOTIFICATIONS_PROMPTS_LIST_CHANGED, null);
            case ServerEvent.ResourcesChanged e ->
                    new Notification(McpMethods.NOTIFICATIONS_RESOURCES_LIST_CHANGED, null);
            case ServerEvent.ResourceUpdated e -> session.subscribedTo(e.uri())
                    ? new Notification(McpMethods.NOTIFICATIONS_RESOURCES_UPDATED, ResourceUpdatedNotificationParams.of(e.uri()))
                    : null;
        };
    }

    /**
     * The 2026-07-28 notification for {@code event} on the listen stream {@code subscriptionId} that
     * honoured {@code filter}, tagged with the stream's id; {@code null} if the stream did not ask for it.
     */
    static Notification modern(ServerEvent event, SubscriptionFilter filter, RequestId subscriptionId) {
        Map<String, Object> tag = Map.of(MetaKeys.SUBSCRIPTION_ID, subscriptionId);
        return switch (event) {
            case ServerEvent.ToolsChanged e -> Boolean.TRUE.equals(filter.toolsListChanged())
                    ? new Notification(McpMethods.NOTIFICATIONS_TOOLS_LIST_CHANGED, new NotificationParams(tag)) : null;
            case ServerEvent.PromptsChanged e -> Boolean.TRUE.equals(filter.promptsListChanged())
                    ? new Notification(McpMethods.NOTIFICATIONS_PROMPTS_LIST_CHANGED, new NotificationParams(tag)) : null;
            case ServerEvent.ResourcesChanged e -> Boolean.TRUE.equals(filter.resourcesListChanged())
                    ? new Notification(McpMethods.NOTIFICATIONS_RESOURCES_LIST_CHANGED, new NotificationParams(tag))
                    : null;
            case ServerEvent.ResourceUpdated e -> filter.resourceSubscriptions() != null
                    && covers(filter.resourceSubscriptions(), e.uri())
                    ? new Notification(McpMethods.NOTIFICATIONS_RESOURCES_UPDATED,
                            new ResourceUpdatedNotificationParams(e.uri(), tag))
                    : null;
        };
    }

    /** The part of {@code wanted} this server honours: every kind it asked for (Keel supports them all). */
    static SubscriptionFilter honoured(SubscriptionFilter wanted) {
        return new SubscriptionFilter(
                Boolean.TRUE.equals(wanted.toolsListChanged()) ? Boolean.TRUE : null,
                Boolean.TRUE.equals(wanted.promptsListChanged()) ? Boolean.TRUE : null,
                Boolean.TRUE.equals(wanted.resourcesListChanged()) ? Boolean.TRUE : null,
                wanted.resourceSubscriptions() == null || wanted.resourceSubscriptions().isEmpty() ? null
                        : wanted.resourceSubscriptions());
    }
}
