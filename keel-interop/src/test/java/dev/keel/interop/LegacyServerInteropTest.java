package dev.keel.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.server.KeelMain;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.TextContent;
import dev.keel.spec.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keel's client against a server that knows only the legacy protocol: the reference TypeScript SDK
 * 1.x {@code McpServer} ({@code legacy-server.mjs}), over stdio and over Streamable HTTP with stateful
 * sessions. It does not answer {@code server/discover} (over HTTP it refuses the POST outright, with
 * an error that names no request), so {@link McpClient} must fall back to a legacy session, and
 * {@code keel discover} and {@code keel call} with it.
 */
class LegacyServerInteropTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Transport { STDIO, HTTP }

    private static Process httpServer;
    private static URI httpUrl;

    @BeforeAll
    static void installAndStartTheHttpServer() throws Exception {
        NodeInterop.install();
        httpServer = new ProcessBuilder("node", NodeInterop.script("legacy-server.mjs"), "--http")
                .directory(NodeInterop.DIR.toFile())
                .redirectError(File.createTempFile("legacy-server", ".log"))
                .start();
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(httpServer.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String line = listening.get(60, TimeUnit.SECONDS);
        assertThat(line).as("the legacy server's first line").startsWith("LISTENING ");
        httpUrl = URI.create(line.substring("LISTENING ".length()));
    }

    @AfterAll
    static void stopTheHttpServer() throws InterruptedException {
        if (httpServer != null) {
            try {
                httpServer.getOutputStream().close();  // the server exits when its input ends
            } catch (IOException e) {
                // gone already
            }
            if (!httpServer.waitFor(10, TimeUnit.SECONDS)) {
                httpServer.destroyForcibly();
            }
        }
    }

    private static List<String> stdioCommand() {
        return List.of("node", NodeInterop.script("legacy-server.mjs"), "--stdio");
    }

    private static Connection connection(Transport transport) {
        return transport == Transport.HTTP ? Connection.http(httpUrl) : Connection.process(stdioCommand());
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }

    private static JsonNode arguments(String json) {
        return JSON.readTree(json);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void mcpClientFallsBackToALegacySessionAndUsesIt(Transport transport) {
        ClientOptions options = ClientOptions.named("keel-interop", "1.0.0")
                .withTimeout(Duration.ofSeconds(30))
                .withElicitation(question -> ElicitResult.accept(Map.of("name", "Ada")));
        long start = System.nanoTime();
        try (McpClient client = McpClient.connect(connection(transport), options)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the fallback waited for no timeout")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(client.protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
            assertThat(client.serverInfo().name()).isEqualTo("legacy-ts");
            assertThat(client.serverInfo().version()).isEqualTo("1.0.0");
            assertThat(client.instructions()).isEqualTo("A server of the legacy era only.");

            assertThat(client.listTools()).extracting(Tool::name).containsExactly("echo", "count", "greet", "broken");
            assertThat(client.listResources()).extracting(Resource::uri).containsExactly("legacy://readme");
            assertThat(client.listResourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                    .containsExactly("legacy://notes/{id}");
            assertThat(client.listPrompts()).extracting(Prompt::name).containsExactly("hello");

            assertThat(text(client.callTool("echo", arguments("{\"message\":\"hi\"}"), null))).isEqualTo("hi");
            List<JsonNode> progress = new CopyOnWriteArrayList<>();
            assertThat(text(client.callTool("count", arguments("{\"steps\":3}"), progress::add))).isEqualTo("counted 3");
            assertThat(progress).extracting(p -> p.path("progress").asInt()).containsExactly(1, 2, 3);
            assertThat(text(client.callTool("greet", null, null))).as("the server's elicitation request, answered")
                    .isEqualTo("Hello, Ada!");
            CallToolResult broken = client.callTool("broken", null, null);
            assertThat(broken.isError()).isTrue();
            assertThat(text(broken)).isEqualTo("it broke");
        }
    }

    // ------------------------------------------------------------------ the keel commands

    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalOut);
    }

    /** {@code keel <command> <words…>}, naming the server by URL or by {@code -- command}. */
    private int keel(Transport transport, String command, String... words) {
        List<String> args = new ArrayList<>(List.of(command));
        if (transport == Transport.HTTP) {
            args.add(httpUrl.toString());
        }
        args.addAll(List.of(words));
        if (transport == Transport.STDIO) {
            args.add("--");
            args.addAll(stdioCommand());
        }
        out.reset();
        return KeelMain.run(args.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keelDiscoverAndCallSpeakToALegacyOnlyServer(Transport transport) {
        assertThat(keel(transport, "discover")).isZero();
        assertThat(stdout()).contains("Server     legacy-ts 1.0.0", "Protocol   2025-11-25", "Tools (4)", "  echo ",
                "  legacy://readme ", "legacy://notes/{id}", "  hello ");

        assertThat(keel(transport, "call", "echo", "message=over the fallback")).isZero();
        assertThat(stdout()).isEqualTo("over the fallback\n");

        assertThat(keel(transport, "call", "count", "steps=2")).isZero();
        assertThat(stdout()).isEqualTo("counted 2\n");

        assertThat(keel(transport, "call", "greet")).as("no terminal here: the question is declined").isZero();
        assertThat(stdout()).isEqualTo("no name (decline)\n");

        assertThat(keel(transport, "call", "broken")).as("an error result exits 1").isEqualTo(1);
        assertThat(stdout()).isEqualTo("it broke\n");
    }
}
