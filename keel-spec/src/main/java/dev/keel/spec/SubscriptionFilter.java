package dev.keel.spec;

import java.util.List;

/**
 * Which notifications a {@code subscriptions/listen} stream carries (2026-07-28). An omitted member
 * means the notification is not wanted. In the acknowledgement, the subset the server honours.
 *
 * @param toolsListChanged {@code notifications/tools/list_changed}, or {@code null}
 * @param promptsListChanged {@code notifications/prompts/list_changed}, or {@code null}
 * @param resourcesListChanged {@code notifications/resources/list_changed}, or {@code null}
 * @param resourceSubscriptions URIs whose {@code notifications/resources/updated} are wanted, or {@code null}
 */
public record SubscriptionFilter(Boolean toolsListChanged, Boolean promptsListChanged, Boolean resourcesListChanged,
        List<String> resourceSubscriptions) {

    public SubscriptionFilter {
        resourceSubscriptions = resourceSubscriptions == null ? null : List.copyOf(resourceSubscriptions);
    }
}
