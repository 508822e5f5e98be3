package com.example.modular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.spec.CallToolResult;
import tools.jackson.databind.json.JsonMapper;

/** The server started on the module path, as {@code java --module com.example.modular/...}, called over stdio. */
class ModulePathTest {

    private static List<String> command(String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String modulePath = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--module", "com.example.modular/com.example.modular.ModularServer"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void theModularServerResolvesKeelsModulesAndServesItsDeclarations() {
        try (McpClient client = McpClient.connect(Connection.process(command()), ClientOptions.named("modular", "1"))) {
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

    @Test
    void aDeclarationInAPackageTheModuleKeepsClosedIsRefusedWithWhatToOpen() throws Exception {
        Process process = new ProcessBuilder(command("--closed")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output.strip()).isEqualTo("com.example.modular.closed.Closed declares a tool, resource or prompt"
                + " wrongly: Closed.secret(): dev.keel.annotations cannot call it: make the method and its class public"
                + " in an exported package, or open com.example.modular.closed to dev.keel.annotations in its module-info");
    }
}
