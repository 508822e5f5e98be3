package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.ClientConnection;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;

/**
 * SIGTERM to a real server in the middle of long calls: readiness turns 503 at once, calls that end
 * within the shutdown timeout get their results, the others the cancellation error, and the process
 * exits 0.
 */
class ShutdownProcessTest {

    private static final Pattern URL = Pattern.compile("(http://\\S+/mcp)");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void sigtermDrainsRunningCallsAndExitsZero() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        File stderr = File.createTempFile("keel-drain", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KeelMain.class.getName(), "serve", "--port", "0", "--toolset", "demo",
                "--shutdown-grace", "3s").redirectError(stderr).start();
        processes.add(process);
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher matcher = URL.matcher(String.valueOf(line));
        assertThat(matcher.find()).as("printed its URL: " + line).isTrue();
        URI url = URI.create(matcher.group(1));
        URI ready = url.resolve("/health/ready");
        try (HttpClient http = HttpClient.newHttpClient();
                McpTestClient modern = McpTestClient.builder().timeout(Duration.ofSeconds(30))
                        .connect(ClientConnection.http(url));
                McpTestClient legacy = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                        .timeout(Duration.ofSeconds(30)).connect(ClientConnection.http(url))) {
            assertThat(http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            // two calls that end within the grace period, two that never would
            McpTestClient.RequestHandle shortModern = modern.startToolWithProgress("sleep", Map.of("ms", 1500), "s1");
            McpTestClient.RequestHandle shortLegacy = legacy.startToolWithProgress("sleep", Map.of("ms", 1500), "s2");
            McpTestClient.RequestHandle longModern = modern.startToolWithProgress("sleep", Map.of("ms", 120_000), "l1");
            McpTestClient.RequestHandle longLegacy = legacy.startToolWithProgress("sleep", Map.of("ms", 120_000), "l2");
            // the short calls report progress every tenth of their time: once they have, all four run
            modern.awaitNotification(n -> n.path("params").path("progressToken").asString().equals("s1"));
            legacy.awaitNotification(n -> n.path("params").path("progressToken").asString().equals("s2"));

            process.toHandle().destroy();  // SIGTERM

            // the signal arrives asynchronously: readiness turns 503 as soon as it is handled
            HttpResponse<String> draining;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                draining = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
            } while (draining.statusCode() == 200 && System.nanoTime() < deadline);
            assertThat(draining.statusCode()).as("not ready while draining").isEqualTo(503);
            assertThat(draining.body()).contains("\"state\":\"DRAINING\"");

            for (McpTestClient.RequestHandle finished : List.of(shortModern, shortLegacy)) {
                Reply reply = finished.reply(Duration.ofSeconds(20));
                assertThat(reply.isError()).as("a call within the grace period completes: %s", reply).isFalse();
                assertThat(reply.result().path("content").get(0).path("text").asString()).startsWith("slept");
            }
            for (McpTestClient.RequestHandle cancelled : List.of(longModern, longLegacy)) {
                Reply reply = cancelled.reply(Duration.ofSeconds(20));
                assertThat(reply.isError()).isTrue();
                assertThat(reply.errorMessage()).contains("shutting down");
            }
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(stderr.toPath())).contains("Stopping").contains("Stopped");
    }
}
