package dev.keel.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.keel.core.Elicitation;
import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import tools.jackson.databind.JsonNode;

/** A handler asks for a record; the form is generated from it and the answer bound to it, in both eras. */
class TypedElicitationTest {

    enum Environment { STAGING, PRODUCTION }

    record Deployment(@JsonPropertyDescription("Deploy now?") boolean confirm, Environment environment,
            @JsonPropertyDescription("Replicas") int replicas) {
    }

    record Args(String service) {
    }

    private static McpServer server() {
        return McpServer.builder()
                .tool(Tool.builder("deploy").input(Args.class).build(), call -> {
                    Elicitation<Deployment> answer = call.elicit("Deploy " + call.arguments().service() + "?",
                            Deployment.class);
                    if (!answer.accepted() || !answer.value().confirm()) {
                        return CallToolResult.text("not deployed");
                    }
                    return CallToolResult.text("deployed " + call.arguments().service() + " to "
                            + answer.value().environment() + " x" + answer.value().replicas());
                })
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25", "V2025_06_18"})
    void theFormIsGeneratedFromTheRecordAndTheAnswerBoundToIt(ProtocolVersion version) {
        JsonNode[] asked = new JsonNode[1];
        try (McpTestClient client = McpTestClient.builder().version(version)
                .onElicitation(params -> {
                    asked[0] = params;
                    return ElicitResult.accept(Map.of("confirm", true, "environment", "PRODUCTION", "replicas", 3));
                })
                .connect(server())) {
            assertThat(client.callTool("deploy", Map.of("service", "api")).text()).isEqualTo("deployed api to PRODUCTION x3");
        }
        JsonNode properties = asked[0].path("requestedSchema").path("properties");
        assertThat(properties.path("confirm").path("type").asString()).isEqualTo("boolean");
        assertThat(properties.path("confirm").path("description").asString()).isEqualTo("Deploy now?");
        assertThat(properties.path("environment").path("enum").toString()).isEqualTo("[\"STAGING\",\"PRODUCTION\"]");
        assertThat(properties.path("replicas").path("type").asString()).isEqualTo("integer");
        assertThat(asked[0].has("mode")).isEqualTo(version.atLeast(ProtocolVersion.V2025_11_25));
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void aCancelledFormBindsNothing(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.builder().version(version)
                .onElicitation(params -> ElicitResult.cancel()).connect(server())) {
            assertThat(client.callTool("deploy", Map.of("service", "api")).text()).isEqualTo("not deployed");
        }
    }
}
