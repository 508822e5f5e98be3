package dev.keel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.testkit.CheckLeaks;
import dev.keel.transport.http.HttpTransport;
import dev.keel.transport.http.PerAddressLimits;

/**
 * WebSockets are connections of the HTTP transport's connector: they count against their address's
 * connections (an upgraded connection stays counted), one address at its limit is refused while
 * another connects, and a closed socket gives its place back.
 */
@CheckLeaks
class WebSocketPerAddressTest {

    private static final String OTHER = "127.0.0.2";

    private final List<RawWebSocket> sockets = new ArrayList<>();
    private HttpTransport transport;
    private McpServer server;
    private URI uri;

    @AfterEach
    void stop() throws IOException {
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
        if (transport != null) {
            transport.stop(Duration.ofSeconds(1));
        }
        if (server != null) {
            server.close();
        }
    }

    private RawWebSocket open(String from) throws IOException {
        RawWebSocket socket = RawWebSocket.open(uri, 0, from);
        sockets.add(socket);
        return socket;
    }

    private static void assertServed(RawWebSocket socket) throws IOException {
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
        assertThat(socket.readMessage()).contains("\"echoed\"");
    }

    @Test
    void socketsBeyondTheAddressCapAreRefusedWhileAnotherAddressConnects() throws Exception {
        transport = HttpTransport.builder().port(0)
                .perAddress(PerAddressLimits.builder().maxConnections(2).build())
                .mount("/mcp/ws", WebSocketEndpoint.builder().build()).build();
        server = McpServer.builder().name("fair").version("1.0.0")
                .tool(Tool.builder("echo").build(), call -> CallToolResult.text("echoed")).build();
        transport.start(server);
        uri = URI.create("ws://127.0.0.1:" + transport.port() + "/mcp/ws");

        RawWebSocket first = open(null);
        RawWebSocket second = open(null);
        assertServed(first);
        assertServed(second);
        assertThatThrownBy(() -> open(null)).as("the third socket of 127.0.0.1 is closed as accepted")
                .isInstanceOf(IOException.class);
        assertServed(open(OTHER));

        first.close();
        // the server notices the closed socket, then its place is free: retried until then, bounded
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        RawWebSocket again = null;
        while (again == null) {
            try {
                again = open(null);
            } catch (IOException refused) {
                assertThat(System.nanoTime()).as("the closed socket's place is given back").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        assertServed(again);
        assertServed(second);
    }
}
