package dev.keel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.client.WebSocketConnection;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.CheckLeaks;
import dev.keel.testkit.McpTestClient;
import dev.keel.transport.http.HttpTransport;

/** The server pings every interval: a peer that answers stays, a peer silent for two intervals is closed. */
@CheckLeaks
class WebSocketKeepAliveTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final String PING_REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private final WebSocketEndpoint endpoint = WebSocketEndpoint.builder().pingInterval(INTERVAL).build();
    private final HttpTransport transport = HttpTransport.builder().port(0).mount("/mcp/ws", endpoint).build();
    private final URI uri;
    private final McpServer server;

    WebSocketKeepAliveTest() {
        server = McpServer.builder()
                .tool(Tool.builder("echo").inputSchema("{\"type\":\"object\"}").build(),
                        call -> CallToolResult.text(call.arguments().path("message").asString()))
                .build();
        transport.start(server);
        uri = URI.create("ws://127.0.0.1:" + transport.port() + "/mcp/ws");
    }

    @AfterEach
    void stop() {
        transport.stop(Duration.ofSeconds(2));
        server.close();
    }

    @Test
    void aClientLibraryThatAnswersPingsStaysConnectedPastSeveralIntervals() {
        WebSocketConnection connection = Connection.webSocket(uri);  // the JDK's client answers pings itself
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2025_11_25).connect(connection)) {
            assertThatThrownBy(() -> connection.closeStatus().get(INTERVAL.toMillis() * 6, TimeUnit.MILLISECONDS))
                    .as("no close in six intervals").isInstanceOf(TimeoutException.class);

            assertThat(client.callTool("echo", Map.of("message", "still here")).text()).isEqualTo("still here");
            assertThat(endpoint.openSockets()).isEqualTo(1);
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosedAfterAboutTwoIntervals() throws Exception {
        try (RawWebSocket peer = RawWebSocket.open(uri, 0)) {
            for (int answered = 0; answered < 5; answered++) {
                RawWebSocket.Frame ping = peer.readFrame();
                assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
                peer.sendPong(ping.payload());
            }
            peer.sendText(PING_REQUEST);
            assertThat(peer.readMessage()).as("served after five intervals").contains("\"result\":{}");

            // from now on the peer reads but never answers
            int unanswered = 0;
            RawWebSocket.Frame frame;
            while ((frame = peer.readFrame()).opcode() == RawWebSocket.PING) {
                unanswered++;
            }
            Duration silent = Duration.ofNanos(System.nanoTime() - peer.lastSent());

            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1001);
            assertThat(frame.closeReason()).isEqualTo("no answer to pings");
            assertThat(silent).as("not before two silent intervals").isGreaterThanOrEqualTo(INTERVAL.multipliedBy(2));
            assertThat(unanswered).as("pings sent into the silence").isLessThanOrEqualTo(2);
            awaitOpenSockets(0);
        }
    }

    @Test
    void aPeerThatNeverReadsAfterTheUpgradeIsClosedToo() throws Exception {
        long connecting = System.nanoTime();
        try (RawWebSocket peer = RawWebSocket.open(uri, 0)) {
            awaitOpenSockets(1);
            awaitOpenSockets(0);
            assertThat(Duration.ofNanos(System.nanoTime() - connecting)).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(2));

            // what the server sent meanwhile: unanswered pings, then its close
            RawWebSocket.Frame frame;
            int pings = 0;
            while ((frame = peer.readFrame()).opcode() == RawWebSocket.PING) {
                pings++;
            }
            assertThat(pings).isLessThanOrEqualTo(2);
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1001);
        }
    }

    /** Waits for the endpoint to hold {@code count} sockets: it registers one just after the upgrade. */
    private void awaitOpenSockets(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (endpoint.openSockets() != count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(endpoint.openSockets()).as("open sockets").isEqualTo(count);
    }
}
