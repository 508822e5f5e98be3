package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/** The session-based revisions 2024-11-05 to 2025-11-25: initialize, negotiation, their own shapes. */
class LegacyEraTest {

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = "V2026_07_28", mode = EnumSource.Mode.EXCLUDE)
    void aSupportedLegacyVersionIsEchoedAndItsShapesKept(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), version)) {
            assertThat(client.initializeResult().protocolVersion()).isEqualTo(version.id());
            assertThat(client.initializeResult().serverInfo().name()).isEqualTo("fixtures");
            JsonNode tools = client.request("tools/list", null).result();
            assertThat(tools.has("resultType")).isFalse();
            assertThat(tools.has("ttlMs")).isFalse();
            assertThat(tools.has("_meta")).isFalse();
            JsonNode add = findTool(tools, "add");
            assertThat(add.has("outputSchema")).isEqualTo(version.atLeast(ProtocolVersion.V2025_06_18));
            JsonNode call = client.callToolReply("add", Map.of("a", 1, "b", 2)).result();
            assertThat(call.has("structuredContent")).isEqualTo(version.atLeast(ProtocolVersion.V2025_06_18));
            assertThat(client.ping().result().isEmpty()).isTrue();
        }
    }

    private static JsonNode findTool(JsonNode tools, String name) {
        for (JsonNode tool : tools.get("tools")) {
            if (tool.get("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    /** A legacy client that has not initialized yet: the test sends initialize itself. */
    private static McpTestClient uninitialized() {
        return McpTestClient.builder().version(ProtocolVersion.V2025_11_25).initialize(false)
                .connect(new Fixtures().server());
    }

    @Test
    void anUnknownVersionIsAnsweredWithTheNewestLegacyOne() {
        try (McpTestClient client = uninitialized()) {
            Reply reply = client.requestVerbatim("initialize", Fixtures.JSON.readTree("""
                    {"protocolVersion":"1999-01-01","capabilities":{},"clientInfo":{"name":"old","version":"1"}}"""));
            assertThat(reply.result().path("protocolVersion").asString()).isEqualTo("2025-11-25");
        }
    }

    @Test
    void initializeNeverNegotiatesTheStatelessRevision() {
        try (McpTestClient client = uninitialized()) {
            Reply reply = client.requestVerbatim("initialize", Fixtures.JSON.readTree("""
                    {"protocolVersion":"2026-07-28","capabilities":{},"clientInfo":{"name":"c","version":"1"}}"""));
            assertThat(reply.result().path("protocolVersion").asString()).isEqualTo("2025-11-25");
        }
    }

    @Test
    void initializingTwiceIsAnInvalidRequest() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_06_18)) {
            Reply again = client.requestVerbatim("initialize", Fixtures.JSON.readTree("""
                    {"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}"""));
            assertThat(again.errorCode()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(client.callTool("echo", Map.of("message", "still served")).text()).isEqualTo("still served");
        }
    }

    @Test
    void initializeWithoutAVersionIsInvalidParams() {
        try (McpTestClient client = uninitialized()) {
            Reply reply = client.requestVerbatim("initialize", Fixtures.JSON.readTree("{\"capabilities\":{}}"));
            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(reply.errorMessage()).contains("protocolVersion");
        }
    }

    @Test
    void pingIsAnsweredBeforeInitialize() {
        try (McpTestClient client = uninitialized()) {
            Reply reply = client.requestVerbatim("ping", null);
            assertThat(reply.result().isEmpty()).isTrue();
        }
    }

    @Test
    void statelessMethodsAreNotFoundInALegacySession() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_11_25)) {
            assertThat(client.request("server/discover", null).errorCode()).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
        }
    }

    @Test
    void aMissingResourceIsMinus32002InALegacySession() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_06_18)) {
            Reply reply = client.request("resources/read", Map.of("uri", "mem://nothing"));
            assertThat(reply.errorCode()).isEqualTo(-32002);
            assertThat(reply.errorData().path("uri").asString()).isEqualTo("mem://nothing");
        }
    }

    @Test
    void aBatchIsServedIn2025_03_26() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_03_26)) {
            client.raw().sendExpectingSilence("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]",
                    java.time.Duration.ofMillis(200));
            List<Reply> replies = client.raw().sendCollecting("""
                    [{"jsonrpc":"2.0","id":"a","method":"ping"},
                     {"jsonrpc":"2.0","method":"notifications/initialized"},
                     {"jsonrpc":"2.0","id":"b","method":"tools/call","params":{"name":"echo","arguments":{"message":"m"}}},
                     {"jsonrpc":"2.0","id":"c","method":"initialize","params":{}}]""", 3);

            Map<String, Reply> byId = new java.util.HashMap<>();
            replies.forEach(r -> byId.put(r.id().asString(), r));
            assertThat(byId).containsOnlyKeys("a", "b", "c");
            assertThat(byId.get("a").result().isEmpty()).isTrue();
            assertThat(byId.get("b").result().path("content").get(0).path("text").asString()).isEqualTo("m");
            assertThat(byId.get("c").errorMessage()).contains("initialize must not be part of a batch");
        }
    }

    @Test
    void aBatchIsRefusedOutside2025_03_26() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_06_18)) {
            Reply reply = client.raw().send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(reply.errorMessage()).contains("batches").contains("2025-06-18");
            assertThat(client.ping().isError()).isFalse();
        }
    }

    @Test
    void legacyClientsReceiveOnlyContentTheirRevisionKnows() {
        McpServerWithLink server = new McpServerWithLink();
        try (McpTestClient client = McpTestClient.connect(server.server, ProtocolVersion.V2024_11_05)) {
            JsonNode content = client.callToolReply("link", Map.of()).result().get("content");
            assertThat(content.get(0).path("type").asString()).isEqualTo("text");
            assertThat(content.get(0).path("text").asString()).contains("file:///tmp/report.txt");
        }
    }

    private static final class McpServerWithLink {
        final dev.keel.core.McpServer server = new Fixtures().builder()
                .tool(dev.keel.core.Tool.builder("link").build(),
                        call -> dev.keel.spec.CallToolResult.of(dev.keel.spec.ResourceLink.of("file:///tmp/report.txt",
                                "report")))
                .build();
    }
}
