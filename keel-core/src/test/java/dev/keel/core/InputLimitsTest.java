package dev.keel.core;

import static dev.keel.core.Replies.JSON;
import static dev.keel.core.Replies.error;
import static dev.keel.core.Replies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.client.McpClient;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.JsonRpcLimits;
import dev.keel.jsonrpc.Response;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.GetPromptResult;
import dev.keel.spec.McpMethods;
import dev.keel.spec.Prompt;
import dev.keel.spec.ProtocolVersion;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.Resource;
import dev.keel.spec.TextResourceContents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every name, URI, cursor and progress token a client sends is held to its cap, each refusal names
 * the cap and quotes only the value's beginning, and the connection goes on serving.
 */
class InputLimitsTest {

    private static final InputLimits SMALL = InputLimits.defaults().withMaxNameLength(16).withMaxUriLength(40)
            .withMaxSubscriptions(2);

    private static McpServer server() {
        return McpServer.builder()
                .limits(JsonRpcLimits.builder().maxIdLength(24).build())
                .inputLimits(SMALL)
                .tool(Tool.builder("echo").inputSchema("{\"type\":\"object\"}").build(), call -> CallToolResult.text("ok"))
                .prompt(Prompt.of("greet", null), call -> GetPromptResult.of(null))
                .resource(Resource.of("mem://a", "a", null, null),
                        call -> ReadResourceResult.of(TextResourceContents.of(call.uri(), null, "a")))
                .build();
    }

    private static ObjectNode params(String member, String value) {
        return JSON.createObjectNode().put(member, value);
    }

    static Stream<Arguments> overLimit() {
        String name = "n".repeat(17);
        String uri = "mem://" + "u".repeat(35);
        ObjectNode withToken = params("name", "echo");
        withToken.putObject("_meta").put("progressToken", "t".repeat(25));
        ObjectNode completion = JSON.createObjectNode();
        completion.putObject("ref").put("type", "ref/prompt").put("name", name);
        completion.putObject("argument").put("name", "a").put("value", "");
        return Stream.of(
                Arguments.of(McpMethods.TOOLS_CALL, params("name", name), "tools/call params.name is 17 characters long,"
                        + " more than the limit of 16 (it begins \"nnnnnnnnnnnnnnnn\u2026\")"),
                Arguments.of(McpMethods.TOOLS_CALL, withToken, "params._meta.progressToken is 25 characters long,"
                        + " more than the limit of 24"),
                Arguments.of(McpMethods.PROMPTS_GET, params("name", name), "prompts/get params.name is 17 characters"),
                Arguments.of(McpMethods.COMPLETION_COMPLETE, completion, "completion/complete params.ref.name is 17"),
                Arguments.of(McpMethods.RESOURCES_READ, params("uri", uri), "resources/read params.uri is 41 characters"),
                Arguments.of(McpMethods.RESOURCES_SUBSCRIBE, params("uri", uri),
                        "resources/subscribe params.uri is 41 characters"),
                Arguments.of(McpMethods.TOOLS_LIST, params("cursor", "c".repeat(Paging.MAX_CURSOR_LENGTH + 1)),
                        "the cursor is not one this server issued"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("overLimit")
    void aValueOverItsCapIsInvalidParamsNamingTheCap(String method, ObjectNode params, String problem) {
        try (McpClient client = InProcessClient.connect(server(), ProtocolVersion.V2025_11_25)) {
            JsonRpcError refused = error(client.request(method, params));

            assertThat(refused.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(refused.message()).contains(problem);
            assertThat(client.callTool("echo", json(Map.of()), null).failed()).as("the session goes on").isFalse();
        }
    }

    @Test
    void aSessionHoldsSubscriptionsUpToItsCap() {
        try (McpClient client = InProcessClient.connect(server(), ProtocolVersion.V2025_11_25)) {
            assertThat(client.request(McpMethods.RESOURCES_SUBSCRIBE, params("uri", "mem://a")))
                    .isInstanceOf(Response.Success.class);
            assertThat(client.request(McpMethods.RESOURCES_SUBSCRIBE, params("uri", "mem://b")))
                    .isInstanceOf(Response.Success.class);
            // subscribing again to a URI held already is no new subscription
            assertThat(client.request(McpMethods.RESOURCES_SUBSCRIBE, params("uri", "mem://a")))
                    .isInstanceOf(Response.Success.class);

            JsonRpcError third = error(client.request(McpMethods.RESOURCES_SUBSCRIBE, params("uri", "mem://c")));
            assertThat(third.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(third.message()).isEqualTo(
                    "Invalid params: this session holds 2 resource subscriptions, its limit; unsubscribe from one first");

            assertThat(client.request(McpMethods.RESOURCES_UNSUBSCRIBE, params("uri", "mem://b")))
                    .isInstanceOf(Response.Success.class);
            assertThat(client.request(McpMethods.RESOURCES_SUBSCRIBE, params("uri", "mem://c")))
                    .as("room again once one is gone").isInstanceOf(Response.Success.class);
        }
    }

    @Test
    void aListenStreamAsksForAtMostTheCapOfSubscriptions() {
        ObjectNode params = JSON.createObjectNode();
        params.putObject("notifications").set("resourceSubscriptions",
                json(List.of("mem://a", "mem://b", "mem://c")));
        try (McpClient client = InProcessClient.connect(server())) {
            JsonRpcError refused = error(client.request(McpMethods.SUBSCRIPTIONS_LISTEN, params));

            assertThat(refused.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(refused.message()).isEqualTo("Invalid params: subscriptions/listen asks for 3 resource"
                    + " subscriptions, more than the limit of 2");
        }
    }

    @Test
    void aTwoMebibyteIdIsRefusedWith32600AndLoggedCutShort() throws Exception {
        String id = "x\\ny".repeat(1 << 19);
        BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        McpServer server = McpServer.builder().build();
        try (LogCapture log = LogCapture.of("dev.keel.core");
                InProcessConnection connection = InProcessConnection.open(server, answers::add)) {
            connection.send(("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"ping\"}")
                    .getBytes(StandardCharsets.UTF_8));
            JsonNode answer = JSON.readTree(answers.poll(10, TimeUnit.SECONDS));

            assertThat(answer.has("id")).as("the id is not echoed (MCP omits an unreadable one)").isFalse();
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(JsonRpcError.INVALID_REQUEST);
            assertThat(answer.path("error").path("message").asString()).startsWith(
                    "Invalid Request: the id is 1572864 characters long, more than the limit of 1024");
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("Refusing an invalid request: Invalid Request: the id is 1572864 characters long")
                    .contains("(it begins \"x?yx?y")
                    .doesNotContain("\n")
                    .hasSizeLessThan(LogText.MAX_CHARS + 64);

            connection.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(JSON.readTree(answers.poll(10, TimeUnit.SECONDS)).path("result").isObject())
                    .as("the connection goes on").isTrue();
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> InputLimits.defaults().withMaxSubscriptions(0))
                .hasMessage("maxSubscriptions must be positive, was 0");
        assertThatThrownBy(() -> JsonRpcLimits.builder().maxIdLength(-1).build())
                .hasMessage("maxIdLength must be positive, was -1");
    }
}
