package dev.keel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.CheckLeaks;
import dev.keel.testkit.McpTestClient;
import dev.keel.transport.http.HttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client slow to read holds nothing of the server's: its handlers finish at once and their answers
 * wait in its socket's queue (within the limit), while the server serves everyone else; once it reads,
 * every answer arrives whole.
 */
@CheckLeaks
class WebSocketBackPressureTest {

    private static final int ANSWERS = 32;
    private static final int ANSWER_BYTES = 512 * 1024;  // 16 MiB in all: more than any socket buffers hold

    private final BlockingQueue<Thread> bigCalls = new LinkedBlockingQueue<>();
    private final CountDownLatch allReturned = new CountDownLatch(ANSWERS);
    private final WebSocketEndpoint endpoint = WebSocketEndpoint.builder().maxQueuedBytes(64L << 20).build();
    private final HttpTransport transport = HttpTransport.builder().port(0).mount("/mcp/ws", endpoint).build();
    private final URI uri;
    private final McpServer server;

    WebSocketBackPressureTest() {
        server = McpServer.builder()
                .tool(Tool.builder("big").build(), call -> {
                    bigCalls.add(Thread.currentThread());
                    allReturned.countDown();
                    return CallToolResult.text("b".repeat(ANSWER_BYTES));
                })
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
    void aClientThatDoesNotReadDoesNotStopTheServerServingAnother() throws Exception {
        try (RawWebSocket stalled = RawWebSocket.open(uri, 8192)) {
            for (int id = 1; id <= ANSWERS; id++) {
                stalled.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"big\","
                        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
            }
            assertThat(allReturned.await(10, TimeUnit.SECONDS)).as("every handler returned its answer").isTrue();

            try (McpTestClient other = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                    .connect(Connection.webSocket(uri))) {
                for (int i = 0; i < 20; i++) {
                    assertThat(other.callTool("echo", Map.of("message", "turn " + i)).text()).isEqualTo("turn " + i);
                }
            }

            List<Thread> threads = new ArrayList<>(bigCalls);
            for (Thread thread : threads) {
                assertThat(thread.join(Duration.ofSeconds(10)))
                        .as("no handler's thread waits for the client to read its answer").isTrue();
            }

            // once the client reads, every answer arrives whole, none dropped
            stalled.readTimeout(Duration.ofSeconds(30));
            JsonMapper json = JsonMapper.builder().build();
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < ANSWERS; i++) {
                JsonNode answer = json.readTree(stalled.readMessage());
                assertThat(answer.path("result").path("content").get(0).path("text").asString()).hasSize(ANSWER_BYTES);
                answered.add(answer.path("id").asInt());
            }
            assertThat(answered).hasSize(ANSWERS);
        }
    }
}
