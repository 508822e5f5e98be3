package dev.keel.core;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.keel.core.spi.EventBus;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.Response;

/**
 * The legacy session a connection holds once {@code initialize} opened one: the session itself (its
 * data kept in the session store), its subscription to the server's change events, and the answers
 * the client sends to the server's own questions.
 */
final class SessionSlot {

    private static final System.Logger LOG = System.getLogger("dev.keel.core");

    private final AtomicReference<LegacySession> session = new AtomicReference<>();
    private final EventBus events;
    private volatile EventBus.Subscription subscription;

    SessionSlot(EventBus events) {
        this.events = events;
    }

    /** The session, or null before {@code initialize} and after the connection closed. */
    LegacySession get() {
        return session.get();
    }

    /**
     * Opens {@code opened} as the connection's session, whose change notifications go to {@code post}
     * once the client said it is initialized; {@code false} if one is open already.
     */
    boolean open(LegacySession opened, Consumer<Notification> post) {
        if (!session.compareAndSet(null, opened)) {
            return false;
        }
        subscription = events.subscribe(event -> {
            // list changes and resource updates flow once the client said it is initialized
            if (opened.initialized()) {
                Notification notification = Subscriptions.legacy(event, opened);
                if (notification != null) {
                    post.accept(notification);
                }
            }
        });
        return true;
    }

    Optional<LegacySession> current() {
        return Optional.ofNullable(session.get());
    }

    /** The client sent {@code notifications/initialized}. */
    void initialized() {
        LegacySession current = session.get();
        if (current != null) {
            current.markInitialized();
        }
    }

    /** The client answered one of the server's questions (an elicitation, a sampling or roots request). */
    void answered(Response response) {
        LegacySession current = session.get();
        if (current == null || !current.pending.complete(response)) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring a response to unknown request {0}", LogText.of(response.id()));
        }
    }

    /** The connection closed: questions still waiting fail, and the session's data is deleted. */
    void close() {
        LegacySession ended = session.getAndSet(null);
        if (ended != null) {
            ended.pending.failAll(new IllegalStateException("the connection closed"));
            ended.end();
        }
        EventBus.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
