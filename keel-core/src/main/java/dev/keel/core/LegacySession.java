package dev.keel.core;

import java.security.SecureRandom;
import java.util.HexFormat;

import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.ProtocolVersion;

/**
 * A legacy session, opened by {@code initialize}: the negotiated revision and the client's
 * capabilities hold for all of it.
 */
final class LegacySession {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String id;
    final ProtocolVersion version;
    final ClientCapabilities clientCapabilities;
    final Implementation clientInfo;
    private volatile boolean initialized;
    /** The server's own requests to the client, awaiting answers. */
    final dev.keel.jsonrpc.PendingRequests pending = new dev.keel.jsonrpc.PendingRequests();
    private volatile dev.keel.spec.LoggingLevel logLevel;
    private final java.util.Set<String> resourceSubscriptions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LegacySession(ProtocolVersion version, ClientCapabilities clientCapabilities, Implementation clientInfo) {
        this.id = newId();
        this.version = version;
        this.clientCapabilities = clientCapabilities == null ? ClientCapabilities.none() : clientCapabilities;
        this.clientInfo = clientInfo;
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
    dev.keel.spec.LoggingLevel logLevel() {
        return logLevel;
    }

    void logLevel(dev.keel.spec.LoggingLevel level) {
        this.logLevel = level;
    }

    void subscribe(String uri) {
        resourceSubscriptions.add(uri);
    }

    void unsubscribe(String uri) {
        resourceSubscriptions.remove(uri);
    }

    /** Whether an update of {@code uri} concerns this session: it subscribed to it or to a parent of it. */
    boolean subscribedTo(String uri) {
        return Subscriptions.covers(resourceSubscriptions, uri);
    }
}
