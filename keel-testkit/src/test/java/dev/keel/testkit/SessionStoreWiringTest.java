package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.keel.client.McpClient;
import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.spi.SessionRecord;
import dev.keel.core.spi.SessionStore;
import dev.keel.spec.Implementation;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.ProtocolVersion;

/** The engine writes every legacy session's data through the session store, and reads it back from its own copy. */
class SessionStoreWiringTest {

    /** The in-memory store, noting the ids of the sessions created in it. */
    private static final class Recording implements SessionStore {
        final SessionStore store;
        final List<String> created = new CopyOnWriteArrayList<>();

        Recording(SessionStore store) {
            this.store = store;
        }

        @Override
        public Optional<SessionRecord> get(String id) {
            return store.get(id);
        }

        @Override
        public Optional<SessionRecord> create(SessionRecord session, Duration ttl) {
            Optional<SessionRecord> stored = store.create(session, ttl);
            stored.ifPresent(s -> created.add(s.id()));
            return stored;
        }

        @Override
        public Optional<SessionRecord> compareAndSet(SessionRecord session, Duration ttl) {
            return store.compareAndSet(session, ttl);
        }

        @Override
        public boolean touch(String id, Duration ttl) {
            return store.touch(id, ttl);
        }

        @Override
        public boolean delete(String id) {
            return store.delete(id);
        }

        @Override
        public boolean blocking() {
            return false;
        }

        SessionRecord only() {
            assertThat(created).hasSize(1);
            return store.get(created.get(0)).orElseThrow(() -> new AssertionError("the session is not in the store"));
        }
    }

    private final Recording sessions = new Recording(SessionStore.inMemory());

    private McpServer server() {
        return new Fixtures().builder().sessionStore(sessions).build();
    }

    private static McpTestClient legacy(McpServer server) {
        return McpTestClient.builder().version(ProtocolVersion.V2025_06_18)
                .clientInfo(Implementation.of("wiring-client", "2.0")).connect(server);
    }

    @Test
    void initializeStoresTheSessionWithWhatTheClientSettled() {
        try (McpTestClient client = legacy(server())) {
            SessionRecord stored = sessions.only();
            assertThat(stored.protocolVersion()).isEqualTo(ProtocolVersion.V2025_06_18);
            assertThat(stored.clientInfo().name()).isEqualTo("wiring-client");
            assertThat(stored.principal()).isNull();
            assertThat(stored.logLevel()).isNull();
            assertThat(stored.expiresAt()).isNotNull();
            assertThat(client.ping().isError()).isFalse();
        }
    }

    @Test
    void thePrincipalThatOpenedTheSessionIsStoredByName() {
        McpServer server = new Fixtures().builder().sessionStore(sessions).middleware((call, chain) -> {
            call.context().put(CallContext.PRINCIPAL, () -> "alice");
            return chain.proceed(call);
        }).build();
        try (McpTestClient client = legacy(server)) {
            assertThat(sessions.only().principal()).isEqualTo("alice");
        }
    }

    @Test
    void logLevelAndSubscriptionsAreWrittenThroughAndClosingDeletesTheSession() {
        McpTestClient client = legacy(server());
        client.request("logging/setLevel", Map.of("level", "warning"));
        client.request("resources/subscribe", Map.of("uri", "file:///a"));
        client.request("resources/subscribe", Map.of("uri", "file:///b"));
        client.request("resources/unsubscribe", Map.of("uri", "file:///a"));
        SessionRecord stored = sessions.only();
        assertThat(stored.logLevel()).isEqualTo(LoggingLevel.WARNING);
        assertThat(stored.resourceSubscriptions()).containsExactly("file:///b");
        client.close();
        assertThat(sessions.get(stored.id())).isEmpty();
    }

    @Test
    void aChangeAnotherWriterMadeIsKeptAndServedAfterTheSessionsNextWrite() {
        McpServer server = server();
        try (McpTestClient client = legacy(server)) {
            SessionRecord read = sessions.only();
            sessions.compareAndSet(read.withSubscription("file:///other"), Duration.ofMinutes(5)).orElseThrow();
            client.request("logging/setLevel", Map.of("level", "error"));
            SessionRecord stored = sessions.only();
            assertThat(stored.logLevel()).isEqualTo(LoggingLevel.ERROR);
            assertThat(stored.resourceSubscriptions()).containsExactly("file:///other");
            server.notifyResourceUpdated("file:///other");
            assertThat(client.awaitNotification(n -> n.path("method").asString().equals("notifications/resources/updated"))
                    .path("params").path("uri").asString()).isEqualTo("file:///other");
        }
    }

    @Test
    void aSessionTheStoreLostIsStoredAgainByItsNextChange() {
        try (McpTestClient client = legacy(server())) {
            SessionRecord before = sessions.only();
            sessions.delete(before.id());
            client.request("resources/subscribe", Map.of("uri", "file:///x"));
            SessionRecord again = sessions.get(before.id()).orElseThrow();
            assertThat(again.resourceSubscriptions()).containsExactly("file:///x");
            assertThat(again.clientInfo()).isEqualTo(before.clientInfo());
        }
    }

    @Test
    void aFullSessionStoreRefusesInitializeWithAServerBusyErrorNamingItsLimit() {
        McpServer server = new Fixtures().builder().sessionStore(SessionStore.inMemory(1, InstantSource.system())).build();
        try (McpTestClient first = legacy(server)) {
            assertThatThrownBy(() -> legacy(server)).isInstanceOfSatisfying(McpClient.RpcException.class, e -> {
                assertThat(e.code()).isEqualTo(-32603);
                assertThat(e.getMessage()).contains("Server busy").contains("maximum of 1 sessions");
            });
            assertThat(first.ping().isError()).isFalse();
        }
    }

    @Test
    void modernRequestsOpenNoSession() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            assertThat(client.callTool("echo", Map.of("message", "hi")).text()).isEqualTo("hi");
            assertThat(sessions.created).isEmpty();
        }
    }
}
