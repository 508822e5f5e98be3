package dev.keel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;

class WeatherTest {

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void theForecastToolAnswersInEveryRevision(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(Weather.server(), version)) {
            assertThat(client.callTool("forecast", Map.of("city", "Lisbon")).text()).isEqualTo("Sunny in Lisbon");
        }
    }

    @Test
    void theReadmeShowsThisExampleAsItIs() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src/main/java/dev/keel/examples/Weather.java"));
        String server = source.substring(source.indexOf("        return McpServer.builder()"),
                source.indexOf("                .build();") + "                .build();".length());
        // the README's snippet assigns the server where the example returns it; the rest is the same code
        assertThat(flatten(readme)).contains(flatten(server.replace("return McpServer", "McpServer server = McpServer")));
    }

    private static String flatten(String code) {
        return code.lines().map(String::strip).reduce("", (a, b) -> a + b);
    }
}
