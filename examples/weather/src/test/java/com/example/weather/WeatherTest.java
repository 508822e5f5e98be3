package com.example.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.core.McpServer;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;

class WeatherTest {

    private final McpServer server = McpServer.builder().register(new Weather()).build();

    @Test
    void theForecastIsStructured() {
        try (McpTestClient client = McpTestClient.connect(server)) {
            assertThat(client.callTool("forecast", Map.of("city", "Oslo")).structured().toString())
                    .isEqualTo("{\"city\":\"Oslo\",\"summary\":\"Sunny\",\"celsius\":21.5}");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void everyRevisionGetsTheForecastAndItsSchema(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server, version)) {
            var tool = client.listTools().tools().get(0);
            assertThat(tool.name()).isEqualTo("forecast");
            assertThat(tool.inputSchema().path("required").toString()).isEqualTo("[\"city\"]");
            assertThat(client.callTool("forecast", Map.of("city", "Lisbon")).text()).contains("\"summary\":\"Sunny\"");
        }
    }

    @Test
    void aCallWithoutACityIsRefusedWithTheReason() {
        try (McpTestClient client = McpTestClient.connect(server)) {
            McpTestClient.ToolResult result = client.callTool("forecast", Map.of());
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).contains("city: is required");
        }
    }
}
