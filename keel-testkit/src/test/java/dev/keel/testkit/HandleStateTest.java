package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.core.spi.StateStore;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

/** Handlers keep state across calls through {@code call.state()}: handles in either era, values in a legacy session. */
class HandleStateTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final String HANDLE = """
            {"type":"object","properties":{"handle":{"type":"string"},"by":{"type":"integer"}},"required":["handle"]}""";
    private static final String KEY = """
            {"type":"object","properties":{"key":{"type":"string"},"value":{"type":"string"}},"required":["key"]}""";

    private final ManualClock clock = new ManualClock();
    private final StateStore store = StateStore.inMemory(1_000, clock);

    private McpServer server() {
        return McpServer.builder().stateStore(store)
                .tool(Tool.builder("open").build(), call -> CallToolResult.text(call.state().create(IntNode.valueOf(0), TTL)))
                .tool(Tool.builder("add").inputSchema(HANDLE).build(), call -> {
                    String handle = call.arguments().get("handle").asString();
                    int by = call.arguments().path("by").asInt(1);
                    return call.state().update(handle, n -> IntNode.valueOf(n.asInt() + by), TTL)
                            .map(total -> CallToolResult.text(total.toString()))
                            .orElseGet(() -> CallToolResult.error("unknown handle " + handle));
                })
                .tool(Tool.builder("peek").inputSchema(HANDLE).build(), call -> CallToolResult.text(
                        call.state().get(call.arguments().get("handle").asString()).map(Object::toString).orElse("none")))
                .tool(Tool.builder("drop").inputSchema(HANDLE).build(), call -> CallToolResult.text(
                        call.state().delete(call.arguments().get("handle").asString()) ? "deleted" : "unknown"))
                .tool(Tool.builder("remember").inputSchema(KEY).build(), call -> CallToolResult.text(call.state().session()
                        .map(values -> {
                            values.set(call.arguments().get("key").asString(),
                                    StringNode.valueOf(call.arguments().get("value").asString()));
                            return "remembered";
                        }).orElse("no session")))
                .tool(Tool.builder("recall").inputSchema(KEY).build(), call -> CallToolResult.text(call.state().session()
                        .map(values -> values.get(call.arguments().get("key").asString()).map(v -> v.asString())
                                .orElse("none"))
                        .orElse("no session")))
                .tool(Tool.builder("session_id").build(),
                        call -> CallToolResult.text(call.context().sessionId().orElse("none")))
                .build();
    }

    private static McpTestClient legacy(McpServer server) {
        return McpTestClient.builder().version(ProtocolVersion.V2025_11_25).connect(server);
    }

    @Test
    void aHandleKeepsItsValueAcrossStatelessCalls() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            String handle = client.callTool("open", Map.of()).text();
            assertThat(StateStore.isHandle(handle)).isTrue();
            assertThat(client.callTool("add", Map.of("handle", handle, "by", 2)).text()).isEqualTo("2");
            assertThat(client.callTool("add", Map.of("handle", handle, "by", 3)).text()).isEqualTo("5");
            assertThat(client.callTool("peek", Map.of("handle", handle)).text()).isEqualTo("5");
            assertThat(client.callTool("drop", Map.of("handle", handle)).text()).isEqualTo("deleted");
            assertThat(client.callTool("peek", Map.of("handle", handle)).text()).isEqualTo("none");
            assertThat(client.callTool("drop", Map.of("handle", handle)).text()).isEqualTo("unknown");
        }
    }

    @Test
    void aHandleExpiresAtTheEndOfItsTimeToLive() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            String handle = client.callTool("open", Map.of()).text();
            clock.advance(TTL.minusSeconds(1));
            assertThat(client.callTool("add", Map.of("handle", handle)).text()).as("each write renews it").isEqualTo("1");
            clock.advance(TTL.minusSeconds(1));
            assertThat(client.callTool("peek", Map.of("handle", handle)).text()).isEqualTo("1");
            clock.advance(Duration.ofSeconds(1));
            McpTestClient.ToolResult expired = client.callTool("add", Map.of("handle", handle));
            assertThat(expired.isError()).isTrue();
            assertThat(expired.text()).isEqualTo("unknown handle " + handle);
        }
    }

    @Test
    void concurrentCallsOnOneHandleLoseNoUpdate() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            String handle = client.callTool("open", Map.of()).text();
            List<McpTestClient.RequestHandle> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(client.startTool("add", Map.of("handle", handle)));
            }
            calls.forEach(call -> assertThat(call.reply().isError()).isFalse());
            assertThat(client.callTool("peek", Map.of("handle", handle)).text()).isEqualTo("100");
        }
    }

    @Test
    void sessionValuesBelongToTheirSessionAndEndWithIt() {
        McpServer server = server();
        McpTestClient first = legacy(server);
        try (McpTestClient second = legacy(server)) {
            assertThat(first.callTool("remember", Map.of("key", "colour", "value", "teal")).text()).isEqualTo("remembered");
            assertThat(first.callTool("recall", Map.of("key", "colour")).text()).isEqualTo("teal");
            assertThat(second.callTool("recall", Map.of("key", "colour")).text()).isEqualTo("none");
            String session = first.callTool("session_id", Map.of()).text();
            assertThat(store.get("session:" + session)).isPresent();
            assertThat(first.callTool("peek", Map.of("handle", "session:" + session)).text())
                    .as("no argument reaches a key that is not a handle").isEqualTo("none");
            first.close();
            assertThat(store.get("session:" + session)).as("the values ended with the session").isEmpty();
        }
    }

    @Test
    void aStatelessCallHasNoSessionValues() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            assertThat(client.callTool("recall", Map.of("key", "colour")).text()).isEqualTo("no session");
            assertThat(client.callTool("remember", Map.of("key", "colour", "value", "teal")).text()).isEqualTo("no session");
        }
    }

    @Test
    void aHandleTheServerDidNotMintReachesNothing() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            String forged = "st_" + "0".repeat(32);
            assertThat(client.callTool("peek", Map.of("handle", forged)).text()).isEqualTo("none");
            assertThat(client.callTool("add", Map.of("handle", "not a handle")).isError()).isTrue();
        }
    }
}
