package dev.keel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.InitializeResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Root;
import dev.keel.spec.TextContent;
import tools.jackson.databind.JsonNode;

/** McpClient's side of the protocol, against a server the test plays. */
class McpClientProtocolTest {

    private static final String WHO = "{\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\",\"message\":\"Who?\","
            + "\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}";

    private static ClientOptions options(ProtocolVersion version) {
        return ClientOptions.named("protocol-test", "1.0.0").withVersion(version).withTimeout(Duration.ofSeconds(5));
    }

    private static String result(JsonNode request, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + result + "}";
    }

    @Test
    void aModernRequestCarriesTheMetaAndKeepsWhatTheCallerPutThere() throws Exception {
        ScriptedServer server = ScriptedServer.silent();
        try (McpClient client = McpClient.open(server, options(ProtocolVersion.V2026_07_28))) {
            client.send("tools/list", ScriptedServer.JSON.readTree(
                    "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2099-01-01\"}}"));
            JsonNode meta = server.next().path("params").path("_meta");
            assertThat(meta.path("io.modelcontextprotocol/protocolVersion").asString()).isEqualTo("2099-01-01");
            assertThat(meta.path("io.modelcontextprotocol/clientCapabilities").isObject()).isTrue();
            assertThat(meta.path("io.modelcontextprotocol/clientInfo").path("name").asString()).isEqualTo("protocol-test");

            client.sendVerbatim("tools/list", null);
            assertThat(server.next().has("params")).as("nothing added").isFalse();
        }
    }

    @Test
    void aLegacyClientOpensItsSessionAndAddsNoMeta() throws Exception {
        ScriptedServer server = new ScriptedServer(message -> message.path("method").asString().equals("initialize")
                ? result(message, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}")
                : null);
        try (McpClient client = McpClient.open(server, options(ProtocolVersion.V2025_11_25))) {
            InitializeResult initialized = client.initialize();

            assertThat(initialized.serverInfo().name()).isEqualTo("scripted");
            assertThat(client.protocolVersion()).as("the revision the server chose").isEqualTo(ProtocolVersion.V2025_06_18);
            assertThat(server.next().path("params").path("protocolVersion").asString()).isEqualTo("2025-11-25");
            assertThat(server.next().path("method").asString()).isEqualTo("notifications/initialized");
            client.send("tools/list", null);
            assertThat(server.next().path("params").has("_meta")).isFalse();
        }
    }

    @Test
    void aLegacyServersRequestsAreAnsweredByTheHandlersOrRefused() throws Exception {
        ScriptedServer server = ScriptedServer.silent();
        ClientOptions options = options(ProtocolVersion.V2025_11_25)
                .withRoots(List.of(Root.of("file:///work")))
                .withElicitation(question -> null);
        try (McpClient client = McpClient.open(server, options)) {
            server.deliver("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"ping\"}");
            assertThat(server.next().toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}");

            server.deliver("{\"jsonrpc\":\"2.0\",\"id\":\"s2\",\"method\":\"roots/list\"}");
            assertThat(server.next().path("result").path("roots").get(0).path("uri").asString()).isEqualTo("file:///work");

            server.deliver("{\"jsonrpc\":\"2.0\",\"id\":\"s3\",\"method\":\"sampling/createMessage\",\"params\":"
                    + "{\"messages\":[],\"maxTokens\":10}}");
            JsonNode refused = server.next();
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32601);
            assertThat(refused.path("error").path("message").asString()).isEqualTo("This client does not offer sampling/createMessage");

            server.deliver("{\"jsonrpc\":\"2.0\",\"id\":\"s4\"," + WHO.substring(1));
            assertThat(server.next(Duration.ofMillis(200))).as("a handler without an answer leaves the question open").isNull();
        }
    }

    @Test
    void anInputRequiredResultIsAnsweredAndTheRequestSentAgain() throws Exception {
        ScriptedServer server = new ScriptedServer(message -> {
            JsonNode params = message.path("params");
            if (!params.has("inputResponses")) {
                return result(message, "{\"resultType\":\"input_required\",\"inputRequests\":{\"elicit-1\":" + WHO
                        + "},\"requestState\":\"sealed\"}");
            }
            return result(message, "{\"content\":[{\"type\":\"text\",\"text\":\"Hello, "
                    + params.path("inputResponses").path("elicit-1").path("content").path("name").asString() + "\"}]}");
        });
        ClientOptions options = options(ProtocolVersion.V2026_07_28)
                .withElicitation(question -> ElicitResult.accept(Map.of("name", question.message().equals("Who?") ? "Ada" : "?")));
        try (McpClient client = McpClient.open(server, options)) {
            CallToolResult result = client.callTool("greet", null, null);

            assertThat(((TextContent) result.content().getFirst()).text()).isEqualTo("Hello, Ada");
            JsonNode first = server.next();
            JsonNode retry = server.next();
            assertThat(retry.get("id")).isNotEqualTo(first.get("id"));
            assertThat(retry.path("params").path("requestState").asString()).isEqualTo("sealed");
            assertThat(retry.path("params").path("name").asString()).isEqualTo("greet");
        }
    }

    @Test
    void aQuestionWithoutAnAnswerEndsTheRoundsWithTheInputRequiredResult() {
        ScriptedServer server = new ScriptedServer(message -> result(message,
                "{\"resultType\":\"input_required\",\"inputRequests\":{\"elicit-1\":" + WHO + "}}"));
        try (McpClient client = McpClient.open(server, options(ProtocolVersion.V2026_07_28))) {
            Response response = client.request("tools/call", ScriptedServer.JSON.readTree("{\"name\":\"greet\"}"));

            assertThat(((Response.Success) response).rawResult().stringMember("resultType")).isEqualTo("input_required");
            assertThatThrownBy(() -> client.callTool("greet", null, null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no answer for");
        }
    }

    @Test
    void aClientThatStopsWaitingTellsTheServer() throws Exception {
        ScriptedServer server = ScriptedServer.silent();
        try (McpClient client = McpClient.open(server, options(ProtocolVersion.V2026_07_28).withTimeout(Duration.ofMillis(100)))) {
            assertThatThrownBy(() -> client.request("tools/list", null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("tools/list got no answer within 100 ms");

            JsonNode request = server.next();
            JsonNode cancelled = server.next();
            assertThat(cancelled.path("method").asString()).isEqualTo("notifications/cancelled");
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(request.get("id"));
            assertThat(cancelled.path("params").path("reason").asString()).isEqualTo("The client stopped waiting after 100 ms");
        }
    }

    @Test
    void aCancelledRequestStillTakesTheResponseThatComesAnyway() throws Exception {
        ScriptedServer server = ScriptedServer.silent();
        try (McpClient client = McpClient.open(server, options(ProtocolVersion.V2026_07_28))) {
            PendingRequest pending = client.send("tools/list", null);
            JsonNode request = server.next();
            pending.cancel("changed my mind");
            assertThat(server.next().path("method").asString()).isEqualTo("notifications/cancelled");

            server.deliver(result(request, "{\"tools\":[]}"));
            assertThat(pending.await(Duration.ofSeconds(5))).get().isInstanceOf(Response.Success.class);
        }
    }

    @Test
    void notificationsReachTheListenerAndProgressTheCallThatAskedForIt() throws Exception {
        List<Notification> notifications = new CopyOnWriteArrayList<>();
        List<JsonNode> progress = new CopyOnWriteArrayList<>();
        ScriptedServer server = new ScriptedServer(message -> {
            String token = message.path("params").path("_meta").path("progressToken").asString();
            return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"" + token
                    + "\",\"progress\":1}}";
        });
        try (McpClient client = McpClient.open(server, options(ProtocolVersion.V2026_07_28).withNotifications(notifications::add))) {
            PendingRequest call = client.send("tools/call", ScriptedServer.JSON.readTree("{\"name\":\"slow\"}"));
            server.deliver(result(server.next(), "{\"content\":[]}"));
            call.response();
            assertThat(notifications).extracting(Notification::method).containsExactly("notifications/progress");

            Thread caller = Thread.ofVirtual().start(() -> client.callTool("slow", null, progress::add));
            JsonNode asked = server.next();
            server.deliver(result(asked, "{\"content\":[]}"));
            assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
            assertThat(progress).singleElement().satisfies(p -> assertThat(p.path("progress").asInt()).isEqualTo(1));
        }
    }

    @Test
    void closingFailsWhatStillWaitsAndClosesTheConnection() throws Exception {
        ScriptedServer server = ScriptedServer.silent();
        McpClient client = McpClient.open(server, options(ProtocolVersion.V2026_07_28));
        PendingRequest pending = client.send("tools/list", null);

        client.close();

        assertThatThrownBy(() -> pending.await(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the client closed");
        assertThat(server.closed()).isTrue();
    }
}
