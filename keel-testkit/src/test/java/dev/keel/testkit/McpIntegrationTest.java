package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.spec.ProtocolVersion;

/** The seed's TestMCPIntegration: a full session in each era, every message checked against its schema. */
class McpIntegrationTest {

    @Test
    void legacySessionInitializesListsAndCallsTools() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2024_11_05)) {
            assertThat(client.initializeResult().protocolVersion()).isEqualTo("2024-11-05");
            assertThat(client.listTools().tools()).isNotEmpty();
            assertThat(client.callTool("echo", Map.of("message", "test")).text()).isEqualTo("test");
        }
    }

    @Test
    void modernClientDiscoversListsAndCallsTools() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            assertThat(client.discover().supportedVersions()).contains("2026-07-28");
            assertThat(client.listTools().tools()).isNotEmpty();
            assertThat(client.callTool("echo", Map.of("message", "test")).text()).isEqualTo("test");
        }
    }
}
