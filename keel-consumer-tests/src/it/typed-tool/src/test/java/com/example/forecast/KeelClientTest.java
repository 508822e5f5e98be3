package com.example.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.core.McpServer;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.Tool;
import dev.keel.transport.http.HttpTransport;
import tools.jackson.databind.json.JsonMapper;

/** The typed tool, called by Keel's own client over Streamable HTTP and over stdio. */
class KeelClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void overHttpTheTypedToolIsListedWithItsSchemasAndAnswersWithStructuredContent() {
        McpServer server = ForecastServer.server();
        HttpTransport http = HttpTransport.builder().port(0).build();
        http.start(server);
        try (McpClient client = McpClient.connect(Connection.http(http.url()), ClientOptions.named("consumer", "1"))) {
            assertTheForecastWorks(client);
        } finally {
            http.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void overStdioTheTypedToolIsListedWithItsSchemasAndAnswersWithStructuredContent() throws Exception {
        Process process = new ProcessBuilder(javaCommand(), "-cp", classPath(), ForecastServer.class.getName(), "--stdio")
                .start();
        StringBuilder errors = new StringBuilder();
        Thread stderr = Thread.ofVirtual().start(() -> {
            try {
                errors.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.append(e);
            }
        });
        try (McpClient client = McpClient.connect(Connection.lines(process.getInputStream(), process.getOutputStream()),
                ClientOptions.named("consumer", "1"))) {
            assertTheForecastWorks(client);
        }
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server exits when its input ends").isTrue();
        stderr.join();
        assertThat(process.exitValue()).as("exit status; stderr:\n" + errors).isZero();
        // the README's logging backend is on the class path: nothing complains about a missing one
        assertThat(errors.toString()).doesNotContain("SLF4J");
    }

    private static void assertTheForecastWorks(McpClient client) {
        List<Tool> tools = client.listTools();
        assertThat(tools).extracting(Tool::name).containsExactly("forecast", "daylight");
        Tool forecast = tools.get(0);
        assertThat(forecast.inputSchema().path("properties").propertyNames()).containsExactly("city", "days");
        assertThat(forecast.inputSchema().path("required").toString()).isEqualTo("[\"city\"]");
        assertThat(forecast.outputSchema().path("properties").propertyNames())
                .containsExactly("city", "days", "summary", "celsius");

        CallToolResult result = client.callTool("forecast", JSON.readTree("{\"city\":\"Oslo\",\"days\":3}"), null);
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(result.structuredContent().toString())
                .isEqualTo("{\"city\":\"Oslo\",\"days\":3,\"summary\":\"Sunny\",\"celsius\":21.5}");

        CallToolResult refused = client.callTool("forecast", JSON.readTree("{\"days\":3}"), null);
        assertThat(refused.isError()).isTrue();
        assertThat(refused.content().toString()).contains("city");

        Tool daylight = tools.get(1);
        assertThat(daylight.inputSchema().path("required").toString()).isEqualTo("[\"place\"]");
        assertThat(daylight.inputSchema().path("properties").path("month").path("default").asInt()).isEqualTo(6);
        assertThat(daylight.outputSchema().path("properties").propertyNames()).containsExactly("city", "month", "hours");
        CallToolResult hours = client.callTool("daylight",
                JSON.readTree("{\"place\":{\"city\":\"Tromsø\",\"latitude\":69.6}}"), null);
        assertThat(hours.structuredContent().toString()).isEqualTo("{\"city\":\"Tromsø\",\"month\":6,\"hours\":16.6}");
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
