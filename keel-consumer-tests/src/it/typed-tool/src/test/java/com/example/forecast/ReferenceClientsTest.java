package com.example.forecast;

import static com.example.forecast.KeelClientTest.classPath;
import static com.example.forecast.KeelClientTest.javaCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.keel.transport.http.HttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The typed tools, called by the reference TypeScript clients from npm: {@code @modelcontextprotocol/sdk} 1.x
 * in a legacy session and {@code @modelcontextprotocol/client} 2.x pinned to 2026-07-28, over Streamable HTTP
 * and over stdio (a process the client starts).
 */
class ReferenceClientsTest {

    private static final Path NODE = Path.of("target", "node");
    private static HttpTransport http;

    @BeforeAll
    static void installClientsAndServeHttp() throws Exception {
        Files.createDirectories(NODE);
        for (String file : List.of("package.json", "call-forecast.mjs")) {
            Files.copy(Path.of("src", "test", "node", file), NODE.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(Duration.ofMinutes(5), "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.status()).as("npm install:\n" + install.output()).isZero();
        http = HttpTransport.builder().port(0).build();
        http.start(ForecastServer.server());
    }

    @AfterAll
    static void stopHttp() {
        if (http != null) {
            http.stop(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest(name = "{0} client over {1}")
    @CsvSource({"legacy, http, 2025-11-25", "legacy, stdio, stdio", "modern, http, 2026-07-28", "modern, stdio, 2026-07-28"})
    void theReferenceClientCallsTheTypedTools(String era, String transport, String version) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "call-forecast.mjs", era));
        if (transport.equals("http")) {
            command.add(http.url().toString());
        } else {
            command.addAll(List.of("--stdio", javaCommand(), "-cp", classPath(), ForecastServer.class.getName(), "--stdio"));
        }
        Run run = run(Duration.ofMinutes(2), command.toArray(String[]::new));
        assertThat(run.status()).as(run.output()).isZero();
        String json = run.output().lines().filter(l -> l.startsWith("{\"version\"")).findFirst().orElseThrow(
                () -> new AssertionError("no answer from the client:\n" + run.output()));
        JsonNode answer = JsonMapper.builder().build().readTree(json);

        assertThat(answer.path("version").asString()).isEqualTo(version);
        JsonNode tool = answer.path("tools").path(0);
        assertThat(tool.path("name").asString()).isEqualTo("forecast");
        assertThat(tool.path("inputSchema").path("required").toString()).isEqualTo("[\"city\"]");
        assertThat(tool.path("outputSchema").path("properties").has("celsius")).isTrue();
        JsonNode result = answer.path("result");
        assertThat(result.path("structuredContent").toString())
                .isEqualTo("{\"city\":\"Oslo\",\"days\":3,\"summary\":\"Sunny\",\"celsius\":21.5}");
        assertThat(result.path("isError").asBoolean(false)).isFalse();
        assertThat(answer.path("tools").path(1).path("name").asString()).isEqualTo("daylight");
        JsonNode daylight = answer.path("daylight").path("structuredContent");
        assertThat(daylight.path("city").asString()).isEqualTo("Quito");
        assertThat(daylight.path("month").asInt()).isEqualTo(3);
        assertThat(daylight.path("hours").asDouble()).isEqualTo(12.0);   // JavaScript writes 12.0 as 12
    }

    record Run(int status, String output) {
    }

    /** Runs {@code command} in {@link #NODE}, its output and errors together, for at most {@code timeout}. */
    static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(NODE.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e).append(')');
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            reader.join(Duration.ofSeconds(5));
            return new Run(-1, "timed out after " + timeout + ":\n" + output);
        }
        reader.join(Duration.ofSeconds(5));
        return new Run(process.exitValue(), output.toString());
    }
}
