package dev.keel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.CheckLeaks;
import dev.keel.testkit.McpTestClient;
import dev.keel.transport.http.HttpTransport;

/**
 * Six WebSocket clients send large calls and never read: big tool answers, and invalid messages whose
 * error answers echo a 1 MB id (answered by the engine at once, on whatever thread read the frame).
 * While they stall, HTTP and other sockets are served, pings reach the others, a dribbled request head
 * is cut off, a tool past its deadline is stopped and {@code stop()} keeps to its grace period. With
 * the limits set low, the stalled sockets are dropped.
 */
@CheckLeaks
class WebSocketStallTest {

    private static final int STALLED = 6;
    private static final int CALLS = 12;
    private static final String BIG_ID = "i".repeat(1_000_000);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final CountDownLatch bigReturned = new CountDownLatch(STALLED * CALLS);
    private final CountDownLatch deadlineStopped = new CountDownLatch(1);
    private WebSocketEndpoint endpoint;
    private HttpTransport transport;
    private McpServer server;
    private final List<RawWebSocket> stalled = new ArrayList<>();

    private void start(WebSocketEndpoint.Builder endpointSettings) {
        endpoint = endpointSettings.pingInterval(Duration.ofMillis(200)).build();
        transport = HttpTransport.builder().port(0).headerTimeout(Duration.ofMillis(500))
                .mount("/mcp/ws", endpoint).build();
        // ids as long as a message make every answer big, which is what a stall is made of here; the
        // default cap (1,024 characters) would refuse them
        server = McpServer.builder()
                .limits(JsonRpcLimits.builder().maxIdLength(4 << 20).build())
                .tool(Tool.builder("big").build(), call -> {
                    bigReturned.countDown();
                    return CallToolResult.text("b".repeat(512 * 1024));
                })
                .tool(Tool.builder("echo").inputSchema("{\"type\":\"object\"}").build(),
                        call -> CallToolResult.text(call.rawArguments().path("message").asString()))
                .tool(Tool.builder("late").timeout(Duration.ofMillis(300)).build(), call -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } finally {
                        deadlineStopped.countDown();
                    }
                    return CallToolResult.text("never");
                })
                .build();
        transport.start(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (RawWebSocket socket : stalled) {
            socket.close();
        }
        if (transport != null) {
            transport.stop(GRACE);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sixClientsThatNeverReadHoldBackNoOneElse() throws Exception {
        start(WebSocketEndpoint.builder().maxQueuedBytes(1L << 30).writeTimeout(Duration.ofMinutes(5)));
        URI ws = stallSixClients();
        assertThat(bigReturned.await(30, TimeUnit.SECONDS)).as("every big call returned its answer").isTrue();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> answer = http.send(modern("echo", ",\"arguments\":{\"message\":\"over http\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("over http");

        try (McpTestClient other = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                .connect(Connection.webSocket(ws))) {
            assertThat(other.callTool("echo", Map.of("message", "over ws")).text()).isEqualTo("over ws");
        }

        try (RawWebSocket listening = RawWebSocket.open(ws, 0)) {
            listening.readTimeout(Duration.ofSeconds(10));
            assertThat(listening.readFrame().opcode()).as("a ping reaches a client that reads")
                    .isEqualTo(RawWebSocket.PING);
        }

        try (Socket dribbling = new Socket()) {
            dribbling.connect(new InetSocketAddress("127.0.0.1", transport.port()));
            dribbling.getOutputStream().write("GET /mcp/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            dribbling.setSoTimeout(10_000);
            assertThat(dribbling.getInputStream().read()).as("a half-sent head is cut off").isEqualTo(-1);
        }

        HttpResponse<String> late = http.send(modern("late", ""), HttpResponse.BodyHandlers.ofString());
        assertThat(late.body()).contains("did not finish within");
        assertThat(deadlineStopped.await(10, TimeUnit.SECONDS)).as("the tool past its deadline was stopped").isTrue();
        http.close();

        long start = System.nanoTime();
        transport.stop(GRACE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop() keeps to its grace period")
                .isLessThan(GRACE.plusSeconds(3));
        transport = null;
    }

    @Test
    void aSocketWhoseClientStopsReadingIsDropped() throws Exception {
        start(WebSocketEndpoint.builder().maxQueuedBytes(4L << 20).writeTimeout(Duration.ofSeconds(1)));
        stallSixClients();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (endpoint.openSockets() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(endpoint.openSockets()).as("every stalled socket was dropped").isZero();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(http.send(modern("echo", ",\"arguments\":{\"message\":\"still\"}"), HttpResponse.BodyHandlers.ofString())
                .body()).contains("still");
        http.close();
    }

    /** Opens six sockets that read nothing and sends each many calls with large answers. */
    private URI stallSixClients() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + transport.port() + "/mcp/ws");
        for (int c = 0; c < STALLED; c++) {
            RawWebSocket socket = RawWebSocket.open(ws, 8192);
            stalled.add(socket);
            try {
                for (int i = 0; i < CALLS; i++) {
                    socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":\"" + BIG_ID + i + "\",\"method\":5}");
                    socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{"
                            + "\"name\":\"big\"," + META + "}}");
                }
            } catch (SocketException e) {
                // dropped while still sending: with low limits, the server gives up on a client that does not read
            }
        }
        return ws;
    }

    private HttpRequest modern(String tool, String arguments) {
        return HttpRequest.newBuilder(transport.url()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                .header("Mcp-Name", tool)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"" + tool + "\"" + arguments + "," + META + "}}"))
                .build();
    }
}
