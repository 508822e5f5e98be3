package dev.keel.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.keel.core.spi.EventBus;
import dev.keel.core.spi.ServerEvent;
import dev.keel.jsonrpc.Notification;
import dev.keel.spec.McpMethods;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Result;
import dev.keel.spec.SubscriptionFilter;
import dev.keel.spec.SubscriptionsAcknowledgedNotificationParams;
import dev.keel.spec.SubscriptionsListenRequestParams;
import dev.keel.spec.SubscriptionsListenResult;

/**
 * 2026-07-28's {@code subscriptions/listen}: acknowledges the kinds of notification it will send, then
 * sends them, each tagged with the request's id, until the client cancels the request or the server
 * ends it (with a closing result).
 */
final class ListenFeature implements Feature {

    private final EventBus events;
    private final EngineSettings settings;

    ListenFeature(EventBus events, EngineSettings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void addRoutes(Router router) {
        router.add(McpMethods.SUBSCRIPTIONS_LISTEN, Router.Era.MODERN, this::listen, Router.ALWAYS);
    }

    private Result listen(Call call, CallContext context) throws InterruptedException {
        SubscriptionsListenRequestParams params = Params.bind(call.params(), SubscriptionsListenRequestParams.class,
                McpMethods.SUBSCRIPTIONS_LISTEN);
        if (params.notifications() == null) {
            throw McpException.invalidParams("Invalid params: subscriptions/listen needs notifications");
        }
        List<String> uris = params.notifications().resourceSubscriptions();
        InputLimits limits = settings.inputLimits();
        if (uris != null && uris.size() > limits.maxSubscriptions()) {
            throw McpException.invalidParams("Invalid params: subscriptions/listen asks for " + uris.size()
                    + " resource subscriptions, more than the limit of " + limits.maxSubscriptions());
        }
        if (uris != null) {
            uris.forEach(uri -> limits.uri(uri, "subscriptions/listen params.notifications.resourceSubscriptions[]"));
        }
        SubscriptionFilter honoured = Subscriptions.honoured(params.notifications());
        RequestScope scope = context.scope;
        // subscribe before acknowledging, so no change after the request is missed; send from this
        // thread, so a slow client never holds up the bus for anyone else
        BlockingQueue<ServerEvent> queued = new LinkedBlockingQueue<>();
        try (EventBus.Subscription subscription = events.subscribe(queued::add)) {
            scope.send(new Notification(McpMethods.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED,
                    new SubscriptionsAcknowledgedNotificationParams(honoured, Map.of(MetaKeys.SUBSCRIPTION_ID, call.id()))));
            while (true) {
                Notification notification = Subscriptions.modern(queued.take(), honoured, call.id());
                if (notification != null) {
                    scope.send(notification);
                }
            }
        } catch (InterruptedException e) {
            if (scope.inFlight.aborted()) {
                return SubscriptionsListenResult.of(call.id());
            }
            throw e;
        }
    }
}
