package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** --log-format json: one JSON object per stderr line, a request's lines carrying its id, method and tool. */
class JsonLogsProcessTest {

    @Test
    void everyLineIsJsonAndRequestLinesCarryTheirContext() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        File stderr = File.createTempFile("keel-json-logs", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KeelMain.class.getName(), "serve", "--stdio", "--log-format", "json", "--log-level", "debug")
                .redirectError(stderr).start();
        try {
            process.getOutputStream().write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"hi\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout).contains("\"text\":\"hi\"");
        } finally {
            process.destroyForcibly();
        }
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = Files.readAllLines(stderr.toPath()).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        boolean sawRequest = false;
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.has("level")).as(line).isTrue();
            JsonNode mdc = entry.path("mdc");
            if (mdc.path("tool").asString("").equals("echo")) {
                sawRequest = true;
                assertThat(mdc.path("method").asString()).isEqualTo("tools/call");
                assertThat(mdc.path("requestId").asString()).isNotEmpty();
            }
        }
        assertThat(sawRequest).as("a log line about the echo call carries its MDC: " + lines).isTrue();
    }
}
