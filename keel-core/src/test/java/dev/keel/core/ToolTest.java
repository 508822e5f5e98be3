package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolTest {

    @Test
    void aToolWithoutASchemaTakesNoArguments() {
        Tool<?, ?> tool = Tool.builder("now").build();
        assertThat(tool.descriptor().inputSchema().toString())
                .isEqualTo("{\"type\":\"object\",\"additionalProperties\":false}");
    }

    @Test
    void namesOutsideTheRecommendedAlphabetAreRefused() {
        assertThatThrownBy(() -> Tool.builder("has space")).hasMessageContaining("has space");
        assertThatThrownBy(() -> Tool.builder("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tool.builder("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tool.builder("ok.name-1_2").build().name()).isEqualTo("ok.name-1_2");
    }

    @Test
    void theInputSchemaMustBeAnObjectSchema() {
        assertThatThrownBy(() -> Tool.builder("t").inputSchema("{\"type\":\"string\"}"))
                .hasMessageContaining("\"type\": \"object\"");
        assertThatThrownBy(() -> Tool.builder("t").inputSchema("{not json"))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void metaKeysMustHaveTheSpecsSyntax() {
        assertThatThrownBy(() -> Tool.builder("t").meta(java.util.Map.of("not a key!", 1)))
                .hasMessageContaining("'not a key!' is not a valid _meta key");
        assertThat(Tool.builder("t").meta(java.util.Map.of("com.example/owner", "team")).build().descriptor().meta())
                .containsKey("com.example/owner");
    }

    @Test
    void resourcesNeedAbsoluteUris() {
        assertThatThrownBy(() -> McpServer.builder().resource(dev.keel.spec.Resource.of("no scheme", "x", null, null),
                call -> null).build()).hasMessageContaining("is not a valid URI");
        assertThatThrownBy(() -> McpServer.builder().resource(dev.keel.spec.Resource.of("relative/path", "x", null, null),
                call -> null).build()).hasMessageContaining("has no scheme");
    }

    @Test
    void registeringTheSameNameTwiceFails() {
        McpServer.Builder builder = McpServer.builder()
                .tool(Tool.builder("a").build(), call -> dev.keel.spec.CallToolResult.text("1"))
                .tool(Tool.builder("a").build(), call -> dev.keel.spec.CallToolResult.text("2"));
        assertThatThrownBy(builder::build).hasMessageContaining("'a' is already registered");
    }
}
