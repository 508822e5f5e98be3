package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.keel.core.CallContext;
import dev.keel.core.McpServer;
import dev.keel.core.Middleware;
import dev.keel.core.Tool;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ClientCapabilities;
import dev.keel.spec.CreateMessageRequestParams;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitRequestURLParams;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.Role;
import dev.keel.spec.SamplingMessage;
import dev.keel.spec.StringSchema;
import dev.keel.spec.TextContent;
import tools.jackson.databind.JsonNode;

/** Requirements whose edge paths the other tests do not reach. */
class SpecGapsTest {

    @Test
    void pingIsAnsweredEvenWhenTheConnectionIsFull() throws Exception {
        Fixtures fixtures = new Fixtures();
        McpServer server = fixtures.builder().maxInFlightPerChannel(1).build();
        try (McpTestClient client = McpTestClient.connect(server, ProtocolVersion.V2025_06_18)) {
            McpTestClient.RequestHandle blocked = client.startTool("block", Map.of());
            assertThat(fixtures.blockStarted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(client.callToolReply("echo", Map.of("message", "x")).errorMessage()).contains("Server busy");
            assertThat(client.ping().result().isEmpty()).isTrue();
            fixtures.blockRelease.countDown();
            blocked.reply();
        }
    }

    @Test
    void progressThatDoesNotGrowIsDropped() {
        McpServer server = McpServer.builder()
                .tool(Tool.builder("wobbly").build(), call -> {
                    for (double p : new double[] {1, 1, 0.5, 2, 1.5, 3}) {
                        call.progress(p, "at " + p);
                    }
                    return CallToolResult.text("done");
                })
                .build();
        try (McpTestClient client = McpTestClient.connect(server)) {
            client.startToolWithProgress("wobbly", Map.of(), "p").reply();
            assertThat(client.notifications()).extracting(n -> n.path("params").path("progress").asDouble())
                    .containsExactly(1.0, 2.0, 3.0);
        }
    }

    @Test
    void aRequestStateIsBoundToThePrincipalItWasIssuedTo() {
        // stands in for an authentication middleware: the principal is who the client says it is
        Middleware identify = (call, chain) -> {
            String name = call.context().clientInfo().map(c -> c.name()).orElse("anonymous");
            call.context().put(CallContext.PRINCIPAL, (Principal) () -> name);
            return chain.proceed(call);
        };
        McpServer server = McpServer.builder().middleware(identify)
                .tool(Tool.builder("ask").build(), call -> CallToolResult.text(String.valueOf(
                        call.elicit("Name?", ElicitRequestFormParams.RequestedSchema.of(
                                Map.of("name", StringSchema.of(null, null)))).content())))
                .build();
        try (McpTestClient alice = McpTestClient.builder().clientInfo(dev.keel.spec.Implementation.of("alice", "1"))
                .onElicitation(p -> dev.keel.spec.ElicitResult.accept(Map.of("name", "a"))).autoRetry(false)
                .connect(server);
                McpTestClient mallory = McpTestClient.builder().clientInfo(dev.keel.spec.Implementation.of("mallory", "1"))
                        .onElicitation(p -> dev.keel.spec.ElicitResult.accept(Map.of("name", "m"))).autoRetry(false)
                        .connect(server)) {
            JsonNode issued = alice.request("tools/call", Map.of("name", "ask")).result();
            Map<String, Object> retry = Map.of("name", "ask", "requestState", issued.get("requestState").asString(),
                    "inputResponses", Map.of("elicit-1", Map.of("action", "accept", "content", Map.of("name", "x"))));

            assertThat(mallory.request("tools/call", retry).errorMessage()).contains("belongs to another request");
            assertThat(alice.request("tools/call", retry).result().path("content").get(0).path("text").asString())
                    .isEqualTo("{name=x}");
        }
    }

    @Test
    void aBatchMayCarryResponsesWhichAreNotAnswered() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_03_26)) {
            List<Reply> replies = client.raw().sendCollecting("""
                    [{"jsonrpc":"2.0","id":"s-1","result":{}},{"jsonrpc":"2.0","id":"p","method":"ping"}]""", 1);
            assertThat(replies).singleElement().satisfies(r -> assertThat(r.id().asString()).isEqualTo("p"));
        }
    }

    private static McpServer asking() {
        return McpServer.builder()
                .tool(Tool.builder("sign_in").build(), call -> CallToolResult.text(call.elicit(
                        new ElicitRequestURLParams("Sign in", "https://example.com/sign-in", null, null)).action().name()))
                .tool(Tool.builder("agent").build(), call -> CallToolResult.text(call.sample(
                        new CreateMessageRequestParams(List.of(new SamplingMessage(Role.USER,
                                List.of(TextContent.of("hi")), null)), null, null, null, null, 10, null, null,
                                List.of(new dev.keel.spec.Tool("t", null, null,
                                        Fixtures.JSON.readTree("{\"type\":\"object\"}"), null, null, null, null)),
                                null, null)).model()))
                .build();
    }

    @Test
    void urlElicitationNeedsTheUrlCapabilityAndToolSamplingTheToolsCapability() {
        ClientCapabilities formOnly = new ClientCapabilities(null, null, new ClientCapabilities.Sampling(null, null),
                new ClientCapabilities.Elicitation(Map.of(), null), null);
        for (ProtocolVersion version : List.of(ProtocolVersion.V2026_07_28, ProtocolVersion.V2025_11_25)) {
            try (McpTestClient client = McpTestClient.builder().version(version).capabilities(formOnly).connect(asking())) {
                Reply url = client.callToolReply("sign_in", Map.of());
                assertThat(url.errorCode()).as(version.id()).isEqualTo(-32021);
                assertThat(url.errorData().path("requiredCapabilities").path("elicitation").has("url")).isTrue();
                Reply tools = client.callToolReply("agent", Map.of());
                assertThat(tools.errorCode()).isEqualTo(-32021);
                assertThat(tools.errorData().path("requiredCapabilities").path("sampling").has("tools")).isTrue();
            }
        }
        try (McpTestClient old = McpTestClient.builder().version(ProtocolVersion.V2025_06_18)
                .capabilities(new ClientCapabilities(null, null, null, new ClientCapabilities.Elicitation(Map.of(), Map.of()),
                        null)).connect(asking())) {
            assertThat(old.callToolReply("sign_in", Map.of()).errorCode()).as("no URL mode before 2025-11-25")
                    .isEqualTo(-32021);
        }
    }

    @Test
    void legacyClientsDoNotSeeAnOutputSchemaThatIsNotAnObject() {
        McpServer server = McpServer.builder()
                .tool(Tool.builder("list").outputSchema("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}").build(),
                        call -> new CallToolResult(List.of(TextContent.of("[\"a\"]")), Fixtures.JSON.readTree("[\"a\"]"),
                                null, null))
                .build();
        try (McpTestClient modern = McpTestClient.connect(server);
                McpTestClient legacy = McpTestClient.connect(server, ProtocolVersion.V2025_06_18)) {
            assertThat(modern.request("tools/list", null).result().get("tools").get(0).has("outputSchema")).isTrue();
            assertThat(modern.callTool("list", Map.of()).structured().isArray()).isTrue();
            assertThat(legacy.request("tools/list", null).result().get("tools").get(0).has("outputSchema")).isFalse();
            assertThat(legacy.callTool("list", Map.of()).structured()).isNull();
        }
    }

    @Test
    void aResourceUriWithAMalformedEscapeIsNotFound() {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            assertThat(client.request("resources/read", Map.of("uri", "mem://users/%zz")).errorCode()).isEqualTo(-32602);
        }
    }
}
