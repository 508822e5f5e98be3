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
    void registeringTheSameNameTwiceFails() {
        McpServer.Builder builder = McpServer.builder()
                .tool(Tool.builder("a").build(), call -> dev.keel.spec.CallToolResult.text("1"))
                .tool(Tool.builder("a").build(), call -> dev.keel.spec.CallToolResult.text("2"));
        assertThatThrownBy(builder::build).hasMessageContaining("'a' is already registered");
    }
}
