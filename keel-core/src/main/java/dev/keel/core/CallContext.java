package dev.keel.core;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.keel.jsonrpc.RequestId;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.Implementation;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.ProtocolVersion;

/**
 * What the engine and the middleware know about one request: its protocol revision, the client,
 * what the transport reported (a remote address, a bearer token, an Origin), and typed attributes
 * that middleware adds for those after it (a request id, a start time, a principal).
 *
 * <p>Era resolution fills the protocol fields before user middleware runs; until then
 * {@link #protocolVersion()} is {@code null}. Attributes are meant to be written by middleware on
 * the request's own thread before the handler runs, and read afterwards; they are not synchronised
 * for concurrent writers.
 */
public final class CallContext {

    /**
     * A typed attribute key. Keys compare by identity: keep each in a constant.
     *
     * @param <T> the value type
     */
    public static final class Key<T> {
        private final String name;
        private final Class<T> type;

        private Key(String name, Class<T> type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** A new key; {@code name} is for diagnostics only. */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type);
        }

        /** The key's name. */
        public String name() {
            return name;
        }

        T cast(Object value) {
            return type.cast(value);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Who made the request, once an authentication middleware has established it. Server-side state
     * handed to the client (multi round-trip {@code requestState}) is bound to its name.
     */
    public static final Key<Principal> PRINCIPAL = Key.of("keel.principal", Principal.class);

    private final Map<Key<?>, Object> transportAttributes;
    private Map<Key<?>, Object> attributes;
    private ProtocolVersion protocolVersion;
    private ClientCapabilities clientCapabilities = ClientCapabilities.none();
    private Implementation clientInfo;
    private LoggingLevel logLevel;
    private RequestId progressToken;
    private String sessionId;

    /** The running request's own scope, set by the engine: its way back to its connection. */
    RequestScope scope;

    CallContext(Map<Key<?>, Object> transportAttributes) {
        this.transportAttributes = transportAttributes;
    }

    /** The revision this request is served under; {@code null} before era resolution. */
    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    /** Whether the request is served statelessly under 2026-07-28 or later. */
    public boolean isModern() {
        return protocolVersion != null && protocolVersion.isModern();
    }

    /** The client's capabilities: this request's own (modern), or the session's (legacy). */
    public ClientCapabilities clientCapabilities() {
        return clientCapabilities;
    }

    /** The client's self-reported name and version, if it sent them. For display and logs only. */
    public Optional<Implementation> clientInfo() {
        return Optional.ofNullable(clientInfo);
    }

    /** The log level this request opted into (modern), or {@code null}. */
    public LoggingLevel logLevel() {
        return logLevel;
    }

    /** The request's progress token, or {@code null} if it asked for no progress. */
    public RequestId progressToken() {
        return progressToken;
    }

    /** The legacy session's id, when the transport has one (HTTP); empty otherwise. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** The value of {@code key}: set by middleware, or else reported by the transport; {@code null} if neither. */
    public <T> T get(Key<T> key) {
        Object value = attributes == null ? null : attributes.get(key);
        if (value == null && transportAttributes != null) {
            value = transportAttributes.get(key);
        }
        return value == null ? null : key.cast(value);
    }

    /** Sets {@code key} to {@code value} for the rest of this request. */
    public <T> void put(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(key, key.cast(Objects.requireNonNull(value, "value")));
    }

    void resolve(ProtocolVersion version, ClientCapabilities capabilities, Implementation client) {
        this.protocolVersion = version;
        this.clientCapabilities = capabilities == null ? ClientCapabilities.none() : capabilities;
        this.clientInfo = client;
        if (scope != null) {
            scope.inFlight.version(version);
        }
    }

    void requestMeta(RequestId progressToken, LoggingLevel logLevel) {
        this.progressToken = progressToken;
        this.logLevel = logLevel;
    }

    void sessionId(String id) {
        this.sessionId = id;
    }
}
