package com.example.modular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.spec.CallToolResult;
import tools.jackson.databind.json.JsonMapper;

/** The server started on the module path, as {@code java --module com.example.modular/...}, called over stdio. */
class ModulePathTest {

    @Test
    void theModularServerResolvesKeelsModulesAndServesItsDeclarations() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String modulePath = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--module", "com.example.modular/com.example.modular.ModularServer");
        try (McpClient client = McpClient.connect(Connection.process(command), McpClient.Options.named("modular", "1"))) {
            assertThat(client.serverInfo().name()).isEqualTo("modular");
            assertThat(client.listTools()).singleElement().satisfies(tool -> {
                assertThat(tool.name()).isEqualTo("plan");
                assertThat(tool.inputSchema().path("required").toString()).isEqualTo("[\"trip\"]");
                assertThat(tool.outputSchema().path("properties").propertyNames()).containsExactly("summary", "legs");
            });
            CallToolResult result = client.callTool("plan", JsonMapper.builder().build().readTree(
                    "{\"trip\":{\"from\":\"Oslo\",\"to\":\"Rome\",\"stops\":[\"Berlin\"]},\"scenic\":true}"), null);
            assertThat(result.structuredContent().toString())
                    .isEqualTo("{\"summary\":\"Oslo to Rome the scenic way\",\"legs\":2}");
            assertThat(client.listResourceTemplates()).singleElement()
                    .satisfies(t -> assertThat(t.uriTemplate()).isEqualTo("trips://{from}/{to}"));
            assertThat(client.listPrompts()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("ask"));
        }
    }
}
