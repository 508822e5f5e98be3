package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.core.McpServer;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import tools.jackson.databind.JsonNode;

/** The demo toolset in every revision, in memory. */
class DemoToolsetTest {

    private static McpServer demo() {
        McpServer.Builder builder = McpServer.builder().name("keel-demo");
        new DemoToolset().register(builder);
        return builder.build();
    }

    /** Invalid arguments are a tool error from 2025-11-25 on, invalid params before; both name the field. */
    private static void assertInvalidArguments(McpTestClient client, ProtocolVersion version, String tool,
            Map<String, Object> arguments, String problem) {
        Reply reply = client.callToolReply(tool, arguments);
        if (version.atLeast(ProtocolVersion.V2025_11_25)) {
            assertThat(reply.result().path("isError").asBoolean()).isTrue();
            assertThat(reply.result().path("content").get(0).path("text").asString()).contains(problem);
        } else {
            assertThat(reply.errorCode()).isEqualTo(-32602);
            assertThat(reply.errorMessage()).contains(problem);
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void echoReturnsTheSameText(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(demo(), version)) {
            assertThat(client.callTool("echo", Map.of("message", "héllo\nwörld")).text()).isEqualTo("héllo\nwörld");
            assertInvalidArguments(client, version, "echo", Map.of(), "message: is required");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void addReturnsTheSumAsTextAndStructuredContent(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(demo(), version)) {
            McpTestClient.ToolResult exact = client.callTool("add", Map.of("a", 0.1, "b", 0.2));
            assertThat(exact.text()).isEqualTo("{\"sum\":0.3}");
            McpTestClient.ToolResult whole = client.callTool("add", Map.of("a", 2, "b", 40));
            if (version.atLeast(ProtocolVersion.V2025_06_18)) {
                assertThat(whole.structured().path("sum").asLong()).isEqualTo(42);
                JsonNode add = client.request("tools/list", null).result().get("tools").get(1);
                assertThat(add.path("outputSchema").path("required").get(0).asString()).isEqualTo("sum");
            } else {
                assertThat(whole.structured()).isNull();
            }
            assertInvalidArguments(client, version, "add", Map.of("a", "two", "b", 1), "a: string found, number expected");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_03_26"})
    void sleepReportsProgressWhenAskedAndStopsWhenCancelled(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(demo(), version)) {
            Reply slept = client.startToolWithProgress("sleep", Map.of("ms", 300), "p").reply();
            assertThat(slept.result().path("content").get(0).path("text").asString()).isEqualTo("slept 300 ms");
            assertThat(client.notifications()).hasSize(3);

            McpTestClient.RequestHandle longSleep = client.startTool("sleep", Map.of("ms", 600_000));
            longSleep.cancel("enough");
            longSleep.assertNoReplyWithin(Duration.ofMillis(300));
            assertInvalidArguments(client, version, "sleep", Map.of("ms", 700_000), "ms: must have a maximum value of 600000");
        }
    }
}
