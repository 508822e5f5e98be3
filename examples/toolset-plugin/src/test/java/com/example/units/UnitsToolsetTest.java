package com.example.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.core.McpServer;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.TextContent;
import dev.keel.testkit.McpTestClient;
import tools.jackson.databind.node.JsonNodeFactory;

class UnitsToolsetTest {

    @Test
    void theToolsetsToolsAnswerInMemory() {
        McpServer.Builder builder = McpServer.builder();
        new UnitsToolset().register(builder);
        try (McpTestClient client = McpTestClient.connect(builder.build(), ProtocolVersion.V2025_11_25)) {
            assertThat(client.callTool("convertLength", Map.of("value", 1, "from", "MILE", "to", "METRE")).structured()
                    .toString()).isEqualTo("{\"value\":1609.344,\"unit\":\"METRE\"}");
            assertThat(client.callTool("fahrenheit", Map.of("celsius", 100)).text()).isEqualTo("212.0 °F");
            assertThat(((TextContent) client.getPrompt("explain", Map.of("quantity", "3 miles")).messages().get(0)
                    .content()).text()).isEqualTo("Convert 3 miles into metres and explain each step.");
        }
    }

    @Test
    void keelServeFindsTheToolsetOnItsClassPathAndServesItOverStdio() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "dev.keel.server.KeelMain", "serve", "--stdio", "--toolset", "units");
        try (McpClient client = McpClient.connect(Connection.process(command), ClientOptions.named("units-test", "1"))) {
            assertThat(client.listTools()).extracting(dev.keel.spec.Tool::name).containsExactly("convertLength", "fahrenheit");
            CallToolResult result = client.callTool("fahrenheit", JsonNodeFactory.instance.objectNode().put("celsius", 0), null);
            assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("32.0 °F");
        }
    }
}
