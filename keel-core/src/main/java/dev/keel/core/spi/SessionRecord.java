package dev.keel.core.spi;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.ProtocolVersion;

/**
 * What a {@link SessionStore} keeps of one legacy session: what {@code initialize} settled (the
 * revision, the client and its capabilities, who authenticated), what the client changed since (its
 * log level and resource subscriptions), and when the record expires. The connection itself (its
 * streams, its running requests) stays with the node that holds it.
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. The {@link #revision} and
 * {@link #expiresAt} are the store's: 0 and {@code null} for a record not yet stored, then what the store
 * reported; a writer hands back the revision it read to {@link SessionStore#compareAndSet}.
 *
 * @param id the session id ({@code Mcp-Session-Id} over HTTP)
 * @param revision the store's revision of this record; 0 before it is stored
 * @param protocolVersion the revision negotiated by {@code initialize}
 * @param clientInfo the client's self-reported name and version, or {@code null}
 * @param clientCapabilities the capabilities the client declared
 * @param logLevel the least severe level the client asked to be sent ({@code logging/setLevel}), or
 *     {@code null} before it asked
 * @param resourceSubscriptions the URIs the client subscribed to ({@code resources/subscribe})
 * @param principal the name of who authenticated when the session opened, or {@code null}
 * @param expiresAt when the store forgets the record unless it is written or touched again, as the store
 *     reported it; {@code null} in a record not yet stored
 */
public record SessionRecord(
        String id,
        long revision,
        ProtocolVersion protocolVersion,
        Implementation clientInfo,
        ClientCapabilities clientCapabilities,
        LoggingLevel logLevel,
        Set<String> resourceSubscriptions,
        String principal,
        Instant expiresAt) {

    /** Checks the required fields and copies the subscriptions. */
    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative, was " + revision);
        }
        clientCapabilities = clientCapabilities == null ? ClientCapabilities.none() : clientCapabilities;
        resourceSubscriptions = resourceSubscriptions == null ? Set.of() : Set.copyOf(resourceSubscriptions);
    }

    /** A session just opened: no log level, no subscriptions, not yet stored. */
    public static SessionRecord open(String id, ProtocolVersion protocolVersion, Implementation clientInfo,
            ClientCapabilities clientCapabilities, String principal) {
        return new SessionRecord(id, 0, protocolVersion, clientInfo, clientCapabilities, null, Set.of(), principal,
                null);
    }

    /** This record at the store's revision {@code revision}. */
    public SessionRecord withRevision(long revision) {
        return new SessionRecord(id, revision, protocolVersion, clientInfo, clientCapabilities, logLevel,
                resourceSubscriptions, principal, expiresAt);
    }

    /** This record with the client's log level {@code level}. */
    public SessionRecord withLogLevel(LoggingLevel level) {
        return new SessionRecord(id, revision, protocolVersion, clientInfo, clientCapabilities, level,
                resourceSubscriptions, principal, expiresAt);
    }

    /** This record with {@code uri} among the subscriptions. */
    public SessionRecord withSubscription(String uri) {
        Set<String> subscriptions = new HashSet<>(resourceSubscriptions);
        subscriptions.add(Objects.requireNonNull(uri, "uri"));
        return withResourceSubscriptions(subscriptions);
    }

    /** This record without {@code uri} among the subscriptions. */
    public SessionRecord withoutSubscription(String uri) {
        Set<String> subscriptions = new HashSet<>(resourceSubscriptions);
        subscriptions.remove(uri);
        return withResourceSubscriptions(subscriptions);
    }

    /** This record with exactly {@code subscriptions}. */
    public SessionRecord withResourceSubscriptions(Set<String> subscriptions) {
        return new SessionRecord(id, revision, protocolVersion, clientInfo, clientCapabilities, logLevel,
                subscriptions, principal, expiresAt);
    }

    /** This record expiring at {@code expiresAt}, as a store reports it. */
    public SessionRecord withExpiresAt(Instant expiresAt) {
        return new SessionRecord(id, revision, protocolVersion, clientInfo, clientCapabilities, logLevel,
                resourceSubscriptions, principal, expiresAt);
    }
}
