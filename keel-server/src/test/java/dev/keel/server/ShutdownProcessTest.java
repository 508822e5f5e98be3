package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.client.Connection;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;

/**
 * SIGTERM to a real server: readiness turns 503 at once, new requests are refused with 503 and
 * {@code Retry-After} while running ones finish, calls that end within the shutdown timeout get their
 * results and the others the cancellation error, legacy sessions are ended once their requests are,
 * and the process exits 0; a second signal during the drain ends the process at once.
 */
class ShutdownProcessTest {

    private static final Pattern URL = Pattern.compile("(http://\\S+/mcp)");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    /** A {@code keel serve} process, the endpoint it printed, and the file its log goes to. */
    private record Served(Process process, URI url, Path log) {
        URI ready() {
            return url.resolve("/health/ready");
        }
    }

    /** Starts {@code keel serve --port 0} with {@code flags} and waits for the URL it prints once it listens. */
    private Served serve(String... flags) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, KeelMain.class.getName(), "serve", "--port", "0"));
        command.addAll(List.of(flags));
        Path log = Files.createTempFile("keel-drain", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        processes.add(process);
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher matcher = URL.matcher(String.valueOf(line));
        assertThat(matcher.find()).as("printed its URL: " + line).isTrue();
        return new Served(process, URI.create(matcher.group(1)), log);
    }

    /** Sends SIGTERM and returns once readiness says the server is draining (the signal is handled asynchronously). */
    private static void terminateAndAwaitDrain(HttpClient http, Served served) throws Exception {
        served.process().toHandle().destroy();  // SIGTERM
        HttpResponse<String> draining;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            draining = http.send(HttpRequest.newBuilder(served.ready()).build(), HttpResponse.BodyHandlers.ofString());
        } while (draining.statusCode() == 200 && System.nanoTime() < deadline);
        assertThat(draining.statusCode()).as("not ready while draining").isEqualTo(503);
        assertThat(draining.body()).contains("\"state\":\"DRAINING\"");
    }

    /** A JSON-RPC POST to the MCP endpoint; in the legacy session {@code sessionId} when not null. */
    private static HttpRequest post(URI url, String sessionId, String json) {
        HttpRequest.Builder post = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (sessionId != null) {
            post.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25");
        }
        return post.build();
    }

    @Test
    void sigtermDrainsRunningCallsAndExitsZero() throws Exception {
        Served served = serve("--toolset", "demo", "--shutdown-grace", "3s");
        try (HttpClient http = HttpClient.newHttpClient();
                McpTestClient modern = McpTestClient.builder().timeout(Duration.ofSeconds(30))
                        .connect(Connection.http(served.url()));
                McpTestClient legacy = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                        .timeout(Duration.ofSeconds(30)).connect(Connection.http(served.url()))) {
            assertThat(http.send(HttpRequest.newBuilder(served.ready()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            // two calls that end within the grace period, two that never would
            McpTestClient.RequestHandle shortModern = modern.startToolWithProgress("sleep", Map.of("ms", 1500), "s1");
            McpTestClient.RequestHandle shortLegacy = legacy.startToolWithProgress("sleep", Map.of("ms", 1500), "s2");
            McpTestClient.RequestHandle longModern = modern.startToolWithProgress("sleep", Map.of("ms", 120_000), "l1");
            McpTestClient.RequestHandle longLegacy = legacy.startToolWithProgress("sleep", Map.of("ms", 120_000), "l2");
            // the short calls report progress every tenth of their time: once they have, all four run
            modern.awaitNotification(n -> n.path("params").path("progressToken").asString().equals("s1"));
            legacy.awaitNotification(n -> n.path("params").path("progressToken").asString().equals("s2"));

            terminateAndAwaitDrain(http, served);

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
        assertThat(served.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(served.process().exitValue()).isZero();
        assertThat(Files.readString(served.log())).contains("Stopping").contains("Stopped");
    }

    @Test
    void whileDrainingANewRequestGets503WithRetryAfterAndTheRunningOneCompletes() throws Exception {
        Served served = serve("--toolset", "demo", "--shutdown-grace", "30s");
        try (HttpClient http = HttpClient.newHttpClient();
                McpTestClient client = McpTestClient.builder().timeout(Duration.ofSeconds(30))
                        .connect(Connection.http(served.url()))) {
            McpTestClient.RequestHandle running = client.startToolWithProgress("sleep", Map.of("ms", 6000), "running");
            client.awaitNotification(n -> n.path("params").path("progressToken").asString().equals("running"));

            terminateAndAwaitDrain(http, served);

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(served.url())
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"jsonrpc":"2.0","id":"late","method":"tools/call","params":{"name":"echo",
                             "arguments":{"message":"too late"},"_meta":{
                             "io.modelcontextprotocol/protocolVersion":"2026-07-28",
                             "io.modelcontextprotocol/clientCapabilities":{}}}}"""))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                    .header("Mcp-Name", "echo").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(running.answered()).as("the running call is still running when the new one is refused;"
                    + " otherwise this test proves nothing").isFalse();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            assertThat(refused.body()).contains("the server is shutting down");

            Reply reply = running.reply(Duration.ofSeconds(20));
            assertThat(reply.isError()).as("the running call completes: %s", reply).isFalse();
            assertThat(reply.result().path("content").get(0).path("text").asString()).isEqualTo("slept 6000 ms");
        }
        assertThat(served.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(served.process().exitValue()).isZero();
    }

    @Test
    void theDrainEndsLegacySessionsOnceTheirRequestsHaveFinished() throws Exception {
        Served served = serve("--toolset", "demo", "--shutdown-grace", "30s");
        URI url = served.url();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> initialized = http.send(post(url, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                     "capabilities":{},"clientInfo":{"name":"drain-test","version":"1"}}}"""),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(initialized.statusCode()).isEqualTo(200);
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(http.send(post(url, session, """
                    {"jsonrpc":"2.0","method":"notifications/initialized"}"""), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(202);
            // the session's own stream, as a legacy client keeps it open for what the server sends unasked
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(url).GET()
                    .header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-11-25").build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            // a call whose first progress notification turns its answer into an event stream: once the
            // response has begun, the call runs
            HttpResponse<InputStream> call = http.send(post(url, session, """
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"sleep","arguments":{"ms":6000},
                     "_meta":{"progressToken":"p"}}}"""), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(call.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));

            terminateAndAwaitDrain(http, served);

            HttpResponse<String> refused = http.send(post(url, session, """
                    {"jsonrpc":"2.0","id":3,"method":"ping"}"""), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("the session takes no new request while draining").isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            String answer = readToTheEnd(call.body());
            assertThat(answer).as("the session's running call completes").contains("slept 6000 ms");
            // a stream that ends with its final chunk was ended by the server; one cut off by Jetty
            // stopping, or by the process dying, fails to read
            assertThat(readToTheEnd(stream.body())).as("the session's stream, from its priming event to its end")
                    .startsWith("id: ").contains("retry: ");
        }
        assertThat(served.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(served.process().exitValue()).isZero();
    }

    /** All of {@code body}, failing if it does not end cleanly within 20 s. */
    private static String readToTheEnd(InputStream body) throws Exception {
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (body) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("the stream was cut off rather than ended: " + e, e);
            }
        });
        return read.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSecondSignalDuringTheDrainEndsTheProcessAtOnce() throws Exception {
        Served served = serve("--toolset", "everything", "--shutdown-grace", "60s");
        try (HttpClient http = HttpClient.newHttpClient();
                McpTestClient client = McpTestClient.builder().version(ProtocolVersion.V2025_11_25)
                        .timeout(Duration.ofSeconds(30))
                        .onElicitation(question -> null)  // never answered: the call waits for the whole drain
                        .connect(Connection.http(served.url()))) {
            client.startTool("ask_name", Map.of());
            client.awaitServerRequest(r -> r.path("method").asString().equals("elicitation/create"));

            terminateAndAwaitDrain(http, served);
            long secondSignal = System.nanoTime();
            served.process().toHandle().destroy();

            assertThat(served.process().waitFor(10, TimeUnit.SECONDS))
                    .as("the process ends at once, not after the 60 s drain").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - secondSignal)).isLessThan(Duration.ofSeconds(10));
            assertThat(served.process().exitValue()).as("128 + SIGTERM, as KeelRuntime.Signals halts").isEqualTo(143);
        }
        assertThat(Files.readString(served.log())).contains("Second signal: exiting at once").doesNotContain("Stopped");
    }
}
