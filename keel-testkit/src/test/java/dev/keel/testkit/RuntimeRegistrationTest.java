package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
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
        try (McpTestClient client = McpTestClient.connect(server, ProtocolVersion.V2025_06_18)) {
            server.addTool(Tool.builder("late").build(), call -> CallToolResult.text("here"));
            assertThat(client.listTools().tools()).last().extracting(dev.keel.spec.Tool::name).isEqualTo("late");
            assertThat(client.callTool("late", Map.of()).text()).isEqualTo("here");

            assertThat(server.removeTool("late")).isTrue();
            assertThat(server.removeTool("late")).isFalse();
            assertThat(client.listTools().tools()).extracting(dev.keel.spec.Tool::name).doesNotContain("late");
            assertThat(client.callToolReply("late", Map.of()).errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        }
    }

    @Test
    void listsFollowRegistrationOrder() {
        McpServer server = McpServer.builder()
                .tool(Tool.builder("zeta").build(), call -> CallToolResult.text("z"))
                .tool(Tool.builder("alpha").build(), call -> CallToolResult.text("a"))
                .tool(Tool.builder("mid").build(), call -> CallToolResult.text("m"))
                .build();
        try (McpTestClient client = McpTestClient.connect(server)) {
            assertThat(client.listTools().tools()).extracting(dev.keel.spec.Tool::name)
                    .containsExactly("zeta", "alpha", "mid");
            assertThat(client.listTools()).isEqualTo(client.listTools());
        }
    }

    @Test
    void resourcesAndPromptsAreAddedAndRemovedToo() {
        McpServer server = McpServer.builder().build();
        try (McpTestClient client = McpTestClient.connect(server)) {
            assertThat(client.listResources().resources()).isEmpty();
            server.addResource(Resource.of("mem://x", "x", null, "text/plain"),
                    call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), "text/plain", "x")));
            server.addPrompt(Prompt.of("p", "a prompt"), call -> GetPromptResult.of(null, PromptMessage.user("hi")));

            assertThat(client.readResource("mem://x").contents()).hasSize(1);
            assertThat(client.listPrompts().prompts()).hasSize(1);

            server.removeResource("mem://x");
            server.removePrompt("p");
            assertThat(client.request("resources/read", Map.of("uri", "mem://x")).errorCode())
                    .isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(client.listPrompts().prompts()).isEmpty();
        }
    }
}
