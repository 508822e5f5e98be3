package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.ProtocolVersion;

/** Every kind of bad input gets its exact error, and the next request is served. */
class BadInputTest {

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("garbage", "this is not json", JsonRpcError.PARSE_ERROR, false),
                Arguments.of("truncated JSON", "{\"jsonrpc\":\"2.0\",\"id\":9,", JsonRpcError.PARSE_ERROR, false),
                Arguments.of("a JSON string", "\"hello\"", JsonRpcError.INVALID_REQUEST, false),
                Arguments.of("no jsonrpc member", "{\"id\":9,\"method\":\"tools/list\"}", JsonRpcError.INVALID_REQUEST, true),
                Arguments.of("a null id", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}",
                        JsonRpcError.INVALID_REQUEST, false),
                Arguments.of("a numeric method", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":1}", JsonRpcError.INVALID_REQUEST,
                        true),
                Arguments.of("an unknown method", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"nope\",\"params\":"
                        + "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}", JsonRpcError.METHOD_NOT_FOUND, true),
                Arguments.of("params that are an array", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":[1]}",
                        JsonRpcError.INVALID_PARAMS, true),
                Arguments.of("a malformed _meta", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":"
                        + "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":7}}}", JsonRpcError.INVALID_PARAMS, true),
                Arguments.of("tool arguments that are a string", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"echo\",\"arguments\":\"x\",\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}", JsonRpcError.INVALID_PARAMS, true),
                Arguments.of("a batch outside 2025-03-26", "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}]",
                        JsonRpcError.INVALID_REQUEST, false),
                Arguments.of("nesting deeper than the limit", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"x\",\"params\":"
                        + "[".repeat(100) + "]".repeat(100) + "}", JsonRpcError.INVALID_REQUEST, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputGetsItsErrorAndTheServerKeepsServing(String name, String input, int code, boolean echoesId) {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            Reply reply = client.raw().send(input);

            assertThat(reply.errorCode()).isEqualTo(code);
            assertThat(reply.errorMessage()).isNotBlank();
            assertThat(reply.id().isMissingNode()).isEqualTo(!echoesId);
            assertThat(client.callTool("echo", Map.of("message", "next")).text()).isEqualTo("next");
        }
    }

    static Stream<Arguments> membersOfTheWrongType() {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}";
        return Stream.of(
                Arguments.of("a tool name that is a number", "{\"name\":7," + meta + "}}", "params.name must be a string"),
                Arguments.of("a requestState that is an object", "{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"},"
                        + "\"requestState\":{}," + meta + "}}", "params.requestState must be a string"),
                Arguments.of("inputResponses that are a list", "{\"name\":\"echo\",\"inputResponses\":[1]," + meta + "}}",
                        "params.inputResponses is malformed"),
                Arguments.of("_meta that is a string", "{\"name\":\"echo\",\"_meta\":\"x\"}",
                        "params._meta must be a JSON object"),
                Arguments.of("a progress token that is a boolean", "{\"name\":\"echo\"," + meta
                        + ",\"progressToken\":true}}", "progressToken must be a string or an integer"),
                Arguments.of("client capabilities that are a list", "{\"name\":\"echo\",\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":[]}}", "clientCapabilities is malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("membersOfTheWrongType")
    void aMemberOfTheWrongTypeIsInvalidParamsNamingIt(String name, String params, String message) {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server())) {
            Reply reply = client.raw().send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":" + params + "}");

            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(reply.errorMessage()).contains(message);
            assertThat(client.callTool("echo", Map.of("message", "next")).text()).isEqualTo("next");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notificationsThatNeedNoAnswer")
    void notificationsAreNeverAnswered(String name, String input) {
        try (McpTestClient client = McpTestClient.connect(new Fixtures().server(), ProtocolVersion.V2025_06_18)) {
            client.raw().sendExpectingSilence(input, Duration.ofMillis(200));
            assertThat(client.ping().isError()).isFalse();
        }
    }

    static Stream<Arguments> notificationsThatNeedNoAnswer() {
        return Stream.of(
                Arguments.of("an unknown notification", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}"),
                Arguments.of("a cancellation of nothing", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":12345}}"),
                Arguments.of("a malformed cancellation", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":{}}}"),
                Arguments.of("a response to nothing", "{\"jsonrpc\":\"2.0\",\"id\":77,\"result\":{}}"),
                Arguments.of("an invalid notification", "{\"jsonrpc\":\"1.0\",\"method\":\"notifications/initialized\"}"));
    }
}
