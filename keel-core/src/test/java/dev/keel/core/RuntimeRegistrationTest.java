package dev.keel.core;

import static dev.keel.core.Replies.error;
import static dev.keel.core.Replies.json;
import static dev.keel.core.Replies.result;
import static dev.keel.core.Replies.text;
import static dev.keel.core.Replies.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.client.McpClient;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.Prompt;
import dev.keel.spec.PromptMessage;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.TextResourceContents;

/** Tools, resources and prompts come and go while the server runs; lists keep registration order. */
class RuntimeRegistrationTest {

    @Test
    void aToolAddedWhileRunningIsListedAndCallableAndARemovedOneIsGone() {
        McpServer server = new Fixtures().server();
        try (McpClient client = InProcessClient.connect(server, ProtocolVersion.V2025_06_18)) {
            server.addTool(Tool.builder("late").build(), call -> CallToolResult.text("here"));
            assertThat(client.listTools()).last().extracting(dev.keel.spec.Tool::name).isEqualTo("late");
            assertThat(text(client.callTool("late", json(Map.of()), null))).isEqualTo("here");

            assertThat(server.removeTool("late")).isTrue();
            assertThat(server.removeTool("late")).isFalse();
            assertThat(client.listTools()).extracting(dev.keel.spec.Tool::name).doesNotContain("late");
            assertThat(error(client.request("tools/call", toolCall("late", Map.of()))).code())
                    .isEqualTo(JsonRpcError.INVALID_PARAMS);
        }
    }

    @Test
    void listsFollowRegistrationOrder() {
        McpServer server = McpServer.builder()
                .tool(Tool.builder("zeta").build(), call -> CallToolResult.text("z"))
                .tool(Tool.builder("alpha").build(), call -> CallToolResult.text("a"))
                .tool(Tool.builder("mid").build(), call -> CallToolResult.text("m"))
                .build();
        try (McpClient client = InProcessClient.connect(server)) {
            assertThat(client.listTools()).extracting(dev.keel.spec.Tool::name)
                    .containsExactly("zeta", "alpha", "mid");
            assertThat(result(client.request("tools/list", null))).isEqualTo(result(client.request("tools/list", null)));
        }
    }

    @Test
    void resourcesAndPromptsAreAddedAndRemovedToo() {
        McpServer server = McpServer.builder().build();
        try (McpClient client = InProcessClient.connect(server)) {
            assertThat(client.listResources()).isEmpty();
            server.addResource(Resource.of("mem://x", "x", null, "text/plain"),
                    call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", "x")));
            server.addPrompt(Prompt.of("p", "a prompt"), call -> GetPromptResult.of(null, PromptMessage.user("hi")));

            assertThat(client.readResource("mem://x").contents()).hasSize(1);
            assertThat(client.listPrompts()).hasSize(1);

            server.removeResource("mem://x");
            server.removePrompt("p");
            assertThat(error(client.request("resources/read", json(Map.of("uri", "mem://x")))).code())
                    .isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(client.listPrompts()).isEmpty();
        }
    }
}
