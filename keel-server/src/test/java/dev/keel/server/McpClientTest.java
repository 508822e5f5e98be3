package dev.keel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.keel.client.ClientOptions;
import dev.keel.client.Connection;
import dev.keel.client.McpClient;
import dev.keel.core.McpServer;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Resource;
import dev.keel.spec.ResourceTemplate;
import dev.keel.spec.Root;
import dev.keel.spec.TextContent;
import dev.keel.spec.Tool;
import dev.keel.transport.http.HttpTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link McpClient} against real Keel servers: in process over Streamable HTTP and as a child process
 * over stdio, each in the 2026-07-28 era and, when the server refuses {@code server/discover} as a
 * server that predates it would, in a legacy session. (The same fallback against the reference
 * TypeScript server is keel-interop's {@code LegacyServerInteropTest}.)
 */
class McpClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How the client reaches the fixture, and whether the fixture serves 2026-07-28. */
    enum Target {
        HTTP_MODERN, HTTP_LEGACY, STDIO_MODERN, STDIO_LEGACY;

        boolean legacy() {
            return this == HTTP_LEGACY || this == STDIO_LEGACY;
        }
    }

    private final ClientFixtureServer fixture = new ClientFixtureServer();
    private final List<HttpTransport> transports = new ArrayList<>();

    @AfterEach
    void stopServers() {
        transports.forEach(t -> t.stop(Duration.ofSeconds(2)));
    }

    private static ClientOptions options() {
        return ClientOptions.named("client-test", "1.0.0").withTimeout(Duration.ofSeconds(20))
                .withElicitation(question -> ElicitResult.accept(Map.of("name", "Ada")))
                .withRoots(List.of(Root.of("file:///work/project")));
    }

    private URI serveOverHttp(boolean legacyOnly) {
        McpServer server = fixture.build(legacyOnly);
        HttpTransport http = HttpTransport.builder().port(0).keepAlive(Duration.ofMillis(100)).build();
        http.start(server);
        transports.add(http);
        return http.url();
    }

    private Connection connection(Target target) {
        return switch (target) {
            case HTTP_MODERN, HTTP_LEGACY -> Connection.http(serveOverHttp(target.legacy()));
            case STDIO_MODERN, STDIO_LEGACY -> {
                String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", classPath, ClientFixtureServer.class.getName()));
                if (target.legacy()) {
                    command.add("--legacy-only");
                }
                yield Connection.process(command);
            }
        };
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }

    private static JsonNode arguments(String json) {
        return JSON.readTree(json);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void everythingTheClientOffersWorksOverEachTransportInEachEra(Target target) {
        try (McpClient client = McpClient.connect(connection(target), options())) {
            assertThat(client.protocolVersion()).isEqualTo(target.legacy() ? ProtocolVersion.LATEST_LEGACY
                    : ProtocolVersion.V2026_07_28);
            assertThat(client.serverInfo().name()).isEqualTo("client-fixture");
            assertThat(client.serverInfo().version()).isEqualTo("2.0.0");
            assertThat(client.instructions()).isEqualTo("Drive me with McpClient.");
            assertThat(client.capabilities().tools()).isNotNull();

            // every list comes in pages of two; the client follows the cursors
            assertThat(client.listTools()).extracting(Tool::name)
                    .containsExactly("echo", "count", "greet", "where", "broken", "hang");
            assertThat(client.listResources()).extracting(Resource::uri)
                    .containsExactly("mem://alpha", "mem://beta", "mem://gamma");
            assertThat(client.listResourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                    .containsExactly("mem://notes/{id}");
            assertThat(client.listPrompts()).extracting(Prompt::name).containsExactly("hello");

            assertThat(text(client.callTool("echo", arguments("{\"message\":\"hi\"}"), null))).isEqualTo("hi");

            List<JsonNode> progress = new CopyOnWriteArrayList<>();
            CallToolResult counted = client.callTool("count", arguments("{\"steps\":3}"), progress::add);
            assertThat(text(counted)).isEqualTo("counted 3");
            assertThat(progress).extracting(p -> p.path("progress").asInt()).containsExactly(1, 2, 3);
            assertThat(progress).allSatisfy(p -> assertThat(p.path("total").asInt()).isEqualTo(3));
            assertThat(progress.getLast().path("message").asString()).isEqualTo("step 3");

            assertThat(text(client.callTool("greet", null, null))).as("elicitation answered by the handler given")
                    .isEqualTo("Hello, Ada!");
            assertThat(text(client.callTool("where", null, null))).isEqualTo("[file:///work/project]");

            CallToolResult broken = client.callTool("broken", null, null);
            assertThat(broken.isError()).isTrue();
            assertThat(text(broken)).isEqualTo("it broke");

            assertThatThrownBy(() -> client.callTool("missing", null, null))
                    .isInstanceOfSatisfying(McpClient.RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32602);
                        assertThat(e).hasMessageContaining("Unknown tool: missing");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aQuestionTheUserDeclinesIsDeclined(boolean legacyOnly) {
        ClientOptions declining = ClientOptions.named("client-test", "1.0.0")
                .withElicitation(question -> ElicitResult.decline());
        try (McpClient client = McpClient.connect(Connection.http(serveOverHttp(legacyOnly)), declining)) {
            assertThat(text(client.callTool("greet", null, null))).isEqualTo("no name (DECLINE)");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withoutHandlersTheClientDeclaresNoCapabilityAndTheServerSaysWhatItNeeds(boolean legacyOnly) {
        try (McpClient client = McpClient.connect(Connection.http(serveOverHttp(legacyOnly)),
                ClientOptions.named("client-test", "1.0.0"))) {
            assertThatThrownBy(() -> client.callTool("greet", null, null))
                    .isInstanceOfSatisfying(McpClient.RpcException.class, e -> assertThat(e.code()).isEqualTo(-32021))
                    .hasMessageContaining("elicitation");
            assertThatThrownBy(() -> client.callTool("where", null, null))
                    .isInstanceOfSatisfying(McpClient.RpcException.class, e -> assertThat(e.code()).isEqualTo(-32021))
                    .hasMessageContaining("roots");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aClientThatStopsWaitingCancelsTheRequestOnTheServer(boolean legacyOnly) throws Exception {
        ClientOptions impatient = options().withTimeout(Duration.ofMillis(500));
        try (McpClient client = McpClient.connect(Connection.http(serveOverHttp(legacyOnly)), impatient)) {
            assertThatThrownBy(() -> client.callTool("hang", null, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("tools/call got no answer within 500 ms");
            assertThat(fixture.hangOutcomes.poll(10, TimeUnit.SECONDS)).as("the server stopped the abandoned call")
                    .isEqualTo("interrupted");
            assertThat(text(client.callTool("echo", arguments("{\"message\":\"after\"}"), null))).isEqualTo("after");
        }
    }

    @Test
    void aServerThatIsNotThereFailsTheConnectionAtOnce() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port + "/mcp");
        long start = System.nanoTime();
        assertThatThrownBy(() -> McpClient.connect(Connection.http(nowhere), options()))
                .isInstanceOf(McpClient.RpcException.class)
                .hasMessageContaining("the POST failed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 20 s request timeout")
                .isLessThan(Duration.ofSeconds(10));
    }
}
