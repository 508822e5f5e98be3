package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.LoggingLevel;
import dev.keel.spec.MetaKeys;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptArgument;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextResourceContents;
import tools.jackson.databind.JsonNode;

/** Logging in both eras, sealed cursors on every list, and completion of prompt and template arguments. */
class LoggingPaginationCompletionTest {

    private static final List<String> CITIES = IntStream.range(0, 150).mapToObj(i -> "city-" + i).toList();

    private static McpServer server() {
        McpServer.Builder builder = McpServer.builder()
                .pageSize(10)
                .tool(Tool.builder("chatty").build(), call -> {
                    call.log(LoggingLevel.DEBUG, "engine", "tuning");
                    call.log(LoggingLevel.INFO, "working");
                    call.log(LoggingLevel.ERROR, "engine", Map.of("problem", "minor"));
                    return CallToolResult.text("done");
                })
                .prompt(Prompt.of("trip", "Plan a trip", PromptArgument.required("from", "Start"),
                        PromptArgument.required("to", "Destination")),
                        call -> GetPromptResult.of(null, PromptMessage.user(call.argument("from") + "->" + call.argument("to"))))
                .promptCompletion("trip", "to", call -> CITIES.stream()
                        .filter(c -> c.startsWith(call.value()) && !c.equals(call.resolved().get("from"))).toList())
                .resourceTemplate(ResourceTemplate.of("weather://{city}", "weather", null, "text/plain"),
                        call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", "sunny")))
                .resourceCompletion("weather://{city}", "city", call -> List.of("oslo", "osaka"));
        for (int i = 0; i < 25; i++) {
            builder.tool(Tool.builder("t" + i).build(), call -> CallToolResult.text("x"));
        }
        return builder.build();
    }

    private static List<String> levels(McpTestClient client) {
        List<String> levels = new ArrayList<>();
        for (JsonNode n : client.notifications()) {
            if (n.path("method").asString().equals("notifications/message")) {
                levels.add(n.path("params").path("level").asString());
            }
        }
        return levels;
    }

    @Test
    void modernLogsFlowOnlyWhenTheRequestAsksAndAtItsLevel() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            client.callTool("chatty", Map.of());
            assertThat(levels(client)).isEmpty();

            Reply reply = client.request("tools/call", Map.of("name", "chatty",
                    "_meta", Map.of(MetaKeys.LOG_LEVEL, "info")));
            assertThat(reply.isError()).isFalse();
            assertThat(levels(client)).containsExactly("info", "error");
            assertThat(client.notifications().get(1).path("params").path("logger").asString()).isEqualTo("engine");
        }
    }

    @Test
    void legacyLogsFlowAfterSetLevel() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2025_06_18)) {
            client.callTool("chatty", Map.of());
            assertThat(levels(client)).isEmpty();

            assertThat(client.request("logging/setLevel", Map.of("level", "debug")).result().isEmpty()).isTrue();
            client.callTool("chatty", Map.of());
            assertThat(levels(client)).containsExactly("debug", "info", "error");

            assertThat(client.request("logging/setLevel", Map.of("level", "loud")).errorCode())
                    .isEqualTo(JsonRpcError.INVALID_PARAMS);
        }
    }

    @Test
    void loggingAndCompletionsAreDeclared() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            assertThat(client.discover().capabilities().logging()).isNotNull();
            assertThat(client.discover().capabilities().completions()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2024_11_05"})
    void listsArePagedWithCursorsUntilTheEnd(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            List<String> names = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Reply reply = client.request("tools/list", cursor == null ? Map.of() : Map.of("cursor", cursor));
                reply.result().get("tools").forEach(t -> names.add(t.get("name").asString()));
                cursor = reply.result().path("nextCursor").asString(null);
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(names).hasSize(26).startsWith("chatty", "t0").endsWith("t24");
        }
    }

    @Test
    void aForgedOrForeignCursorIsInvalidParams() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            String cursor = client.request("tools/list", Map.of()).result().path("nextCursor").asString();
            assertThat(client.request("tools/list", Map.of("cursor", cursor + "x")).errorCode())
                    .isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(client.request("prompts/list", Map.of("cursor", cursor)).errorCode())
                    .isEqualTo(JsonRpcError.INVALID_PARAMS);
            try (McpTestClient other = McpTestClient.connect(server())) {
                assertThat(other.request("tools/list", Map.of("cursor", cursor)).errorCode())
                        .as("another server's keys").isEqualTo(JsonRpcError.INVALID_PARAMS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void promptArgumentsAreCompletedAtMostAHundredAtATime(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            JsonNode completion = client.request("completion/complete", Map.of(
                    "ref", Map.of("type", "ref/prompt", "name", "trip"),
                    "argument", Map.of("name", "to", "value", "city-"),
                    "context", Map.of("arguments", Map.of("from", "city-0")))).result().get("completion");
            assertThat(completion.get("values").size()).isEqualTo(100);
            assertThat(completion.get("values").get(0).asString()).isEqualTo("city-1");
            assertThat(completion.get("total").asInt()).isEqualTo(149);
            assertThat(completion.get("hasMore").asBoolean()).isTrue();
        }
    }

    @Test
    void templateVariablesAreCompletedAndUnknownReferencesRefused() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            JsonNode values = client.request("completion/complete", Map.of(
                    "ref", Map.of("type", "ref/resource", "uri", "weather://{city}"),
                    "argument", Map.of("name", "city", "value", "o"))).result().path("completion").path("values");
            assertThat(values.toString()).isEqualTo("[\"oslo\",\"osaka\"]");

            assertThat(client.request("completion/complete", Map.of("ref", Map.of("type", "ref/prompt", "name", "nope"),
                    "argument", Map.of("name", "x", "value", ""))).errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            JsonNode none = client.request("completion/complete", Map.of("ref", Map.of("type", "ref/prompt", "name", "trip"),
                    "argument", Map.of("name", "from", "value", "c"))).result().path("completion").path("values");
            assertThat(none.size()).isZero();
        }
    }
}
