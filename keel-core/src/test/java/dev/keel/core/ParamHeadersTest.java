package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParamHeadersTest {

    private static Tool.Builder<?, ?> tool(String properties) {
        return Tool.builder("t").inputSchema("{\"type\":\"object\",\"properties\":" + properties + "}");
    }

    @Test
    void annotatedArgumentsAreMappedToTheirHeaders() {
        Tool<?, ?> t = tool("{\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
                + "\"dry\":{\"type\":\"boolean\",\"x-mcp-header\":\"Dry-Run\"},\"other\":{\"type\":\"string\"}}").build();
        assertThat(ParamHeaders.of(t.descriptor().inputSchema())).containsExactly(
                java.util.Map.entry("Region", "region"), java.util.Map.entry("Dry-Run", "dry"));
    }

    @Test
    void annotationsThatBreakTheRulesAreRefusedAtBuildTime() {
        assertThatThrownBy(() -> tool("{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"\"}}").build())
                .hasMessageContaining("non-empty token");
        assertThatThrownBy(() -> tool("{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"has space\"}}").build())
                .hasMessageContaining("non-empty token");
        assertThatThrownBy(() -> tool("{\"a\":{\"type\":\"number\",\"x-mcp-header\":\"N\"}}").build())
                .hasMessageContaining("only string, integer and boolean");
        assertThatThrownBy(() -> tool("{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"X\"},"
                + "\"b\":{\"type\":\"string\",\"x-mcp-header\":\"x\"}}").build())
                .hasMessageContaining("case-insensitively");
        assertThatThrownBy(() -> tool("{\"a\":{\"type\":\"integer\",\"maximum\":1e300,\"x-mcp-header\":\"N\"}}").build())
                .hasMessageContaining("2^53");
    }
}
