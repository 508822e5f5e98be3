package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.testkit.CheckLeaks;

/**
 * One client address at its limits while another is served: connections, requests in flight, listen
 * streams and legacy sessions. The second address is 127.0.0.2 ({@link LoopbackPeer}).
 */
@CheckLeaks
class PerAddressLimitsTest {

    private static final String HERE = "127.0.0.1";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";

    private final CountDownLatch release = new CountDownLatch(1);
    private final Semaphore started = new Semaphore(0);
    private final List<LoopbackPeer> peers = new ArrayList<>();
    private HttpFixture fixture;

    private HttpTransport start(UnaryOperator<HttpTransport.Builder> settings) {
        McpServer server = McpServer.builder().name("fair").version("1.0.0")
                .tool(Tool.builder("echo").build(), call -> CallToolResult.text("ok"))
                .tool(Tool.builder("block").build(), call -> {
                    started.release();
                    release.await();
                    return CallToolResult.text("released");
                })
                .build();
        fixture = new HttpFixture(server, settings);
        return fixture.transport;
    }

    private LoopbackPeer peer(String from) throws IOException {
        LoopbackPeer peer = LoopbackPeer.connect(from, fixture.transport);
        peers.add(peer);
        return peer;
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        for (LoopbackPeer peer : peers) {
            peer.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static ClientKey key(String address) {
        try {
            return ClientKey.of(new InetSocketAddress(InetAddress.getByName(address), 1));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for what the server counts to settle; the deadline only bounds a failing test. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void assertRefusedNamingTheLimit(LoopbackPeer.Response refused, String limit) {
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.body()).contains("\"code\":-32603", limit, "the limit per address");
    }

    private static void assertServed(LoopbackPeer peer) throws IOException {
        LoopbackPeer.Response answer = peer.modern("tools/list", "").response();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"echo\"");
    }

    // ------------------------------------------------------------------ connections

    @Test
    void aConnectionBeyondItsAddressCapIsClosedWhileAnotherAddressConnects() throws Exception {
        HttpTransport transport = start(b -> b.perAddress(PerAddressLimits.builder().maxConnections(2).build()));
        LoopbackPeer first = peer(HERE);
        LoopbackPeer second = peer(HERE);
        assertServed(first);
        assertServed(second);

        LoopbackPeer third = peer(HERE);
        assertThat(third.closedByServer(Duration.ofSeconds(10))).as("closed as it was accepted").isTrue();
        LoopbackPeer other = peer(LoopbackPeer.OTHER);
        assertServed(other);
        assertServed(first);

        first.close();
        ClientCounts connections = transport.counts().connectionsPerClient();
        await(() -> connections.count(key(HERE)) < 2, "the closed connection is released");
        assertServed(peer(HERE));
        for (LoopbackPeer peer : peers) {
            peer.close();
        }
        await(() -> connections.clients() == 0, "no address keeps an entry once its connections closed");
    }

    // ------------------------------------------------------------------ requests in flight

    @Test
    void requestsInFlightBeyondTheAddressCapGet429WhileAnotherAddressIsServed() throws Exception {
        HttpTransport transport = start(b -> b.perAddress(PerAddressLimits.builder().maxInFlight(2).build()));
        LoopbackPeer blocked1 = peer(HERE).modern("tools/call", "\"name\":\"block\",\"arguments\":{}");
        LoopbackPeer blocked2 = peer(HERE).modern("tools/call", "\"name\":\"block\",\"arguments\":{}");
        assertThat(started.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

        assertRefusedNamingTheLimit(peer(HERE).modern("tools/list", "").response(), "2 requests in flight");
        LoopbackPeer other = peer(LoopbackPeer.OTHER);
        assertServed(other);
        LoopbackPeer otherBlocked = peer(LoopbackPeer.OTHER).modern("tools/call", "\"name\":\"block\",\"arguments\":{}");
        assertThat(started.tryAcquire(1, 10, TimeUnit.SECONDS)).as("the other address runs a call of its own").isTrue();

        release.countDown();
        for (LoopbackPeer peer : List.of(blocked1, blocked2, otherBlocked)) {
            LoopbackPeer.Response answer = peer.answer();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("released");
        }
        ClientCounts inFlight = transport.counts().inFlightPerClient();
        await(() -> inFlight.clients() == 0 && transport.counts().inFlight().get() == 0,
                "every count returns to zero and no address keeps an entry");
        assertServed(peer(HERE));
    }

    // ------------------------------------------------------------------ listen streams

    @Test
    void listenStreamsOfEveryKindShareTheAddressCapWhileAnotherAddressListens() throws Exception {
        HttpTransport transport = start(b -> b.legacySse(true)
                .perAddress(PerAddressLimits.builder().maxListenStreams(2).build()));
        LoopbackPeer listen = listen(peer(HERE));
        LoopbackPeer sse = peer(HERE).get("/sse", Map.of());
        assertThat(sse.head().status()).isEqualTo(200);
        assertThat(sse.nextData()).startsWith("/messages?sessionId=");

        // a legacy session's GET stream is a third: refused, while the session itself still answers
        String session = initialize(peer(HERE));
        assertRefusedNamingTheLimit(peer(HERE).get("/mcp", Map.of("Mcp-Session-Id", session,
                "MCP-Protocol-Version", "2025-06-18")).response(), "2 listen streams");
        assertRefusedNamingTheLimit(peer(HERE).modern("subscriptions/listen",
                "\"notifications\":{\"toolsListChanged\":true}").response(), "2 listen streams");
        assertRefusedNamingTheLimit(peer(HERE).get("/sse", Map.of()).response(), "2 listen streams");
        assertThat(peer(HERE).post(PING, Map.of("Mcp-Session-Id", session)).response().status()).isEqualTo(200);

        listen(peer(LoopbackPeer.OTHER));
        String otherSession = initialize(peer(LoopbackPeer.OTHER));
        LoopbackPeer otherGet = peer(LoopbackPeer.OTHER).get("/mcp", Map.of("Mcp-Session-Id", otherSession,
                "MCP-Protocol-Version", "2025-06-18"));
        assertThat(otherGet.head().status()).as("the other address's own GET stream").isEqualTo(200);

        // a stream that ends gives its place back
        ClientCounts listens = transport.counts().listensPerClient();
        listen.close();
        await(() -> listens.count(key(HERE)) < 2, "the closed stream is released");
        LoopbackPeer get = peer(HERE).get("/mcp", Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18"));
        assertThat(get.head().status()).isEqualTo(200);

        for (LoopbackPeer peer : peers) {
            peer.close();
        }
        await(() -> listens.clients() == 0, "no address keeps an entry once its streams ended");
    }

    /** Opens a 2026-07-28 listen stream on {@code peer} and reads its acknowledgement. */
    private static LoopbackPeer listen(LoopbackPeer peer) throws IOException {
        peer.modern("subscriptions/listen", "\"notifications\":{\"toolsListChanged\":true}");
        assertThat(peer.head().status()).isEqualTo(200);
        assertThat(peer.nextData()).contains("notifications/subscriptions/acknowledged");
        return peer;
    }

    // ------------------------------------------------------------------ legacy sessions

    private static String initialize(LoopbackPeer peer) throws IOException {
        LoopbackPeer.Response answer = peer.post(INITIALIZE, Map.of()).response();
        assertThat(answer.status()).isEqualTo(200);
        String session = answer.header("Mcp-Session-Id");
        assertThat(session).isNotNull();
        return session;
    }

    /** The session ids of {@code count} {@code initialize} requests from {@code peer}, in order. */
    private static List<String> flood(LoopbackPeer peer, int count) throws IOException {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(initialize(peer));
        }
        return sessions;
    }

    private static int ping(LoopbackPeer peer, String session) throws IOException {
        return peer.post(PING, Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18")).response()
                .status();
    }

    @Test
    void anInitializeFloodBeyondTheAddressCapAndTheMaximumLeavesAnotherAddressSessionWorking() throws Exception {
        HttpTransport transport = start(b -> b.maxSessions(6)
                .perAddress(PerAddressLimits.builder().maxSessions(3).build()));
        LoopbackPeer other = peer(LoopbackPeer.OTHER);
        String otherSession = initialize(other);

        LoopbackPeer flooder = peer(HERE);
        List<String> flood = flood(flooder, 20);
        assertThat(transport.sessions().heldBy(key(HERE))).isEqualTo(3);
        assertThat(ping(other, otherSession)).as("the other address's session answers").isEqualTo(200);
        assertThat(ping(flooder, flood.getFirst())).as("the flooder's oldest made room").isEqualTo(404);
        assertThat(ping(flooder, flood.getLast())).isEqualTo(200);
    }

    @Test
    void atTheMaximumAFlooderEvictsOnlyItsOwnIdleSessionsAndNeverABusyOne() throws Exception {
        HttpTransport transport = start(b -> b.maxSessions(4)
                .perAddress(PerAddressLimits.builder().maxSessions(10).build()));
        LoopbackPeer other = peer(LoopbackPeer.OTHER);
        String otherSession = initialize(other);
        LoopbackPeer flooder = peer(HERE);
        List<String> flood = flood(flooder, 20);
        assertThat(transport.sessionCount()).isEqualTo(4);
        assertThat(ping(other, otherSession)).isEqualTo(200);

        // the flooder's three sessions turn busy: each has its GET stream open
        for (String session : flood.subList(17, 20)) {
            LoopbackPeer stream = peer(HERE).get("/mcp", Map.of("Mcp-Session-Id", session,
                    "MCP-Protocol-Version", "2025-06-18"));
            assertThat(stream.head().status()).isEqualTo(200);
        }
        LoopbackPeer.Response refused = flooder.post(INITIALIZE, Map.of()).response();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.body()).contains("maximum of 4 sessions", "none this client address may evict is idle");
        for (String session : flood.subList(17, 20)) {
            assertThat(ping(flooder, session)).as("a busy session is never evicted").isEqualTo(200);
        }
        assertThat(ping(other, otherSession)).isEqualTo(200);
    }

    @Test
    void anAddressAtItsSessionCapWithEverySessionBusyGets429() throws Exception {
        start(b -> b.perAddress(PerAddressLimits.builder().maxSessions(1).build()));
        String session = initialize(peer(HERE));
        LoopbackPeer stream = peer(HERE).get("/mcp", Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18"));
        assertThat(stream.head().status()).isEqualTo(200);
        LoopbackPeer.Response refused = peer(HERE).post(INITIALIZE, Map.of()).response();
        assertRefusedNamingTheLimit(refused, "holds 1 sessions");
        assertThat(initialize(peer(LoopbackPeer.OTHER))).isNotNull();
    }

    // ------------------------------------------------------------------ settings

    @Test
    void everyLimitMustBePositive() {
        assertThatThrownBy(() -> PerAddressLimits.builder().maxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> PerAddressLimits.builder().maxInFlight(-1)).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> PerAddressLimits.builder().maxSessions(0)).hasMessageContaining("maxSessions");
        assertThatThrownBy(() -> PerAddressLimits.builder().maxListenStreams(0)).hasMessageContaining("maxListenStreams");
        PerAddressLimits defaults = PerAddressLimits.defaults();
        assertThat(List.of(defaults.maxConnections(), defaults.maxInFlight(), defaults.maxSessions(),
                defaults.maxListenStreams())).containsExactly(1000, 512, 1000, 128);
    }
}
