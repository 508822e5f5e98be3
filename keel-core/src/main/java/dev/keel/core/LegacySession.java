package dev.keel.core;

import java.security.Principal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import dev.keel.core.spi.SessionRecord;
import dev.keel.core.spi.SessionStore;
import dev.keel.jsonrpc.PendingRequests;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.ProtocolVersion;

/**
 * A legacy session, opened by {@code initialize}: the negotiated revision and the client's
 * capabilities hold for all of it. Its data lives in the {@link SessionStore}; this
 * object is the connection's copy, which the engine serves from, and every change goes through the
 * store first. What cannot leave the connection (the server's own requests awaiting answers) stays here.
 *
 * <p>Thread-safe: changes are serialised per session, so the copy is always what the store last took.
 */
final class LegacySession {

    private static final System.Logger LOG = System.getLogger("dev.keel.core");
    private static final SecureRandom RANDOM = new SecureRandom();

    final String id;
    final ProtocolVersion version;
    final ClientCapabilities clientCapabilities;
    final Implementation clientInfo;
    /** The server's own requests to the client, awaiting answers. */
    final PendingRequests pending = new PendingRequests();
    private final Stores stores;
    private final long touchEveryNanos;
    private final ReentrantLock writes = new ReentrantLock();
    /** The session's data as the store last took it. */
    private volatile SessionRecord record;
    /** When the store last heard of the session ({@link System#nanoTime}). */
    private volatile long storedNanos = System.nanoTime();
    private volatile boolean initialized;
    /** The connection closed and the stores forgot the session: nothing more is written. */
    private boolean ended;

    private LegacySession(Stores stores, SessionRecord stored) {
        this.stores = stores;
        this.touchEveryNanos = stores.sessionTtl().toNanos() / 2;
        this.record = stored;
        this.id = stored.id();
        this.version = stored.protocolVersion();
        this.clientCapabilities = stored.clientCapabilities();
        this.clientInfo = stored.clientInfo();
    }

    /**
     * Opens a session for the client that {@code context} resolved (its revision, capabilities, info and
     * principal) and stores its record.
     *
     * @throws McpException an internal error that says the server is busy, if the session store is full
     */
    static LegacySession open(Stores stores, CallContext context) {
        Principal principal = context.get(CallContext.PRINCIPAL);
        SessionRecord opened = SessionRecord.open(newId(), context.protocolVersion(), context.clientInfo().orElse(null),
                context.clientCapabilities(), principal == null ? null : principal.getName());
        try {
            return new LegacySession(stores, stores.sessions().create(opened, stores.sessionTtl())
                    .orElseThrow(() -> new IllegalStateException("the session store holds the new session's id already")));
        } catch (IllegalStateException full) {
            throw McpException.internalError("Server busy: " + full.getMessage() + "; retry later");
        }
    }

    /** A session id: 128 random bits from a secure source, as hex (visible ASCII only). */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether the client sent {@code notifications/initialized}. */
    boolean initialized() {
        return initialized;
    }

    void markInitialized() {
        initialized = true;
    }

    /** The least severe level the client wants log messages at, or {@code null} before it asked. */
    LoggingLevel logLevel() {
        return record.logLevel();
    }

    void logLevel(LoggingLevel level) {
        write(session -> session.withLogLevel(level));
    }

    /**
     * Adds {@code uri} to the session's subscriptions, unless it holds {@code max} others already: then
     * the request is invalid params that names the limit, and the session is left as it was.
     */
    void subscribe(String uri, int max) {
        write(session -> {
            if (session.resourceSubscriptions().size() >= max && !session.resourceSubscriptions().contains(uri)) {
                throw McpException.invalidParams("Invalid params: this session holds " + max
                        + " resource subscriptions, its limit; unsubscribe from one first");
            }
            return session.withSubscription(uri);
        });
    }

    void unsubscribe(String uri) {
        write(session -> session.withoutSubscription(uri));
    }

    /** Whether an update of {@code uri} concerns this session: it subscribed to it or to a parent of it. */
    boolean subscribedTo(String uri) {
        return Subscriptions.covers(record.resourceSubscriptions(), uri);
    }

    /**
     * Notes that the session is in use: at most once per half its time to live, extends it in the
     * stores (on a thread of its own if they may block, so a transport's thread never waits for them).
     */
    void touch() {
        long now = System.nanoTime();
        if (now - storedNanos < touchEveryNanos) {
            return;
        }
        storedNanos = now;
        if (stores.sessionWritesBlock()) {
            Thread.ofVirtual().name("keel-session-touch").start(this::extend);
        } else {
            extend();
        }
    }

    private void extend() {
        try {
            if (!stores.sessions().touch(id, stores.sessionTtl())) {
                write(UnaryOperator.identity());  // it expired while the connection lived: store it again
            }
            stores.state().touch(Stores.sessionValuesKey(id), stores.sessionTtl());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not extend a session's time to live in its store", e);
        }
    }

    /**
     * Applies {@code change} to the stored record and keeps what the store took. Another writer's
     * change is read and kept (compare-and-set, retried); a record the store lost is stored again
     * from this copy. Nothing is written once the session has ended.
     */
    private void write(UnaryOperator<SessionRecord> change) {
        writes.lock();
        try {
            if (ended) {
                return;
            }
            SessionRecord base = record;
            while (true) {
                SessionRecord changed = change.apply(base);
                Optional<SessionRecord> stored = base.revision() == 0
                        ? stores.sessions().create(changed, stores.sessionTtl())
                        : stores.sessions().compareAndSet(changed, stores.sessionTtl());
                if (stored.isPresent()) {
                    record = stored.get();
                    storedNanos = System.nanoTime();
                    return;
                }
                base = stores.sessions().get(id).orElseGet(() -> record.withRevision(0));
            }
        } finally {
            writes.unlock();
        }
    }

    /** Forgets the session's data in the stores, once its connection has closed. Never throws. */
    void end() {
        writes.lock();
        try {
            ended = true;
            stores.sessions().delete(id);
            stores.state().delete(Stores.sessionValuesKey(id));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete an ended session from its store", e);
        } finally {
            writes.unlock();
        }
    }
}
