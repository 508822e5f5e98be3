package dev.keel.core.spi;

import java.util.function.Consumer;

/**
 * Fans {@link ServerEvent}s out to every listener: legacy sessions (list-changed and
 * resource-updated notifications) and 2026-07-28 {@code subscriptions/listen} streams. The in-memory
 * bus serves one process; a Redis bus ({@code keel-redis}) carries events between nodes, so a tool
 * added on one node reaches clients listening on any.
 *
 * <p>Thread-safe. {@link #publish} never blocks on listeners; each listener sees events in the order
 * they were published, on a thread of the bus's choosing, and must not block for long.
 */
public interface EventBus extends AutoCloseable {

    /** A bus within this process. */
    static EventBus inMemory() {
        return new InMemoryEventBus();
    }

    /** Delivers {@code event} to every listener, asynchronously. */
    void publish(ServerEvent event);

    /** Adds {@code listener}; close the subscription to remove it. */
    Subscription subscribe(Consumer<ServerEvent> listener);

    /** Stops delivering; pending events may be dropped. */
    @Override
    void close();

    /** A listener's registration. */
    interface Subscription extends AutoCloseable {
        /** Stops delivery to the listener. */
        @Override
        void close();
    }
}
