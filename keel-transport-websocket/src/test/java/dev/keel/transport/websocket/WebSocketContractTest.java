package dev.keel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.client.WebSocketConnection;
import dev.keel.core.McpServer;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.TransportContract;
import dev.keel.transport.http.HttpTransport;

/** WebSocket passes the transport contract, and refuses what it must. */
class WebSocketContractTest extends TransportContract {

    private final List<HttpTransport> transports = new ArrayList<>();
    private final List<McpServer> servers = new ArrayList<>();
    private WebSocketEndpoint endpoint;

    private URI start(McpServer server, WebSocketEndpoint.Builder settings) {
        servers.add(server);
        endpoint = settings.build();
        HttpTransport transport = HttpTransport.builder().port(0).mount("/mcp/ws", endpoint).build();
        transport.start(server);
        transports.add(transport);
        return URI.create("ws://127.0.0.1:" + transport.port() + "/mcp/ws");
    }

    @Override
    protected Connection connect(McpServer server) {
        return Connection.webSocket(start(server, WebSocketEndpoint.builder()));
    }

    @Override
    protected void stopTransport() {
        transports.forEach(t -> t.stop(Duration.ofSeconds(2)));
        servers.forEach(McpServer::close);
    }

    @Test
    void aForeignOriginCannotUpgrade() {
        URI uri = start(fixtures.builder().build(), WebSocketEndpoint.builder());
        WebSocketConnection foreign = Connection.webSocket(uri, Map.of("Origin", "https://evil.example.com"));
        assertThatThrownBy(() -> foreign.start(message -> { })).hasStackTraceContaining("403");
    }

    @Test
    void anOversizedFrameClosesTheSocketWith1009() throws Exception {
        URI uri = start(fixtures.builder().build(), WebSocketEndpoint.builder().maxMessageBytes(64 * 1024));
        WebSocketConnection connection = Connection.webSocket(uri);
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2026_07_28).connect(connection)) {
            assertThat(client.callTool("echo", Map.of("message", "small")).text()).isEqualTo("small");
            try {
                connection.send(("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"p\":\"" + "y".repeat(100 * 1024) + "\"}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalStateException e) {
                // the server may close as soon as the frame's header shows its length, while the client still sends it
                assertThat(e).hasRootCauseInstanceOf(java.io.IOException.class);
            }
            assertThat(connection.closeStatus().get(10, TimeUnit.SECONDS)).startsWith("1009");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (endpoint.openSockets() > 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(endpoint.openSockets()).as("the server let go of the socket and its channel").isZero();
        }
    }

    @Test
    void stoppingClosesSocketsWithGoingAway() throws Exception {
        URI uri = start(fixtures.builder().build(), WebSocketEndpoint.builder());
        WebSocketConnection connection = Connection.webSocket(uri);
        try (McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2025_11_25).connect(connection)) {
            assertThat(client.ping().isError()).isFalse();
            transports.getLast().stop(Duration.ofSeconds(1));
            assertThat(connection.closeStatus().get(10, TimeUnit.SECONDS)).startsWith("1001");
        }
    }
}
