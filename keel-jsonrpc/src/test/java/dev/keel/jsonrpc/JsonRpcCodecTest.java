package dev.keel.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

class JsonRpcCodecTest {

    private final JsonRpcCodec codec = JsonRpcCodec.create();

    private Decoded decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(JsonRpcMessage message) {
        return new String(codec.encode(message), StandardCharsets.UTF_8);
    }

    private static String many(String prefix, int count) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < count; i++) {
            members.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append("\":").append(i);
        }
        return members.toString();
    }

    static Stream<Arguments> duplicateMembers() {
        return Stream.of(
                Arguments.of("in the message", "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"x\"}", "id"),
                Arguments.of("in the arguments", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"read\",\"arguments\":{\"path\":\"a\",\"path\":\"../b\"}}}", "path"),
                Arguments.of("in an object in an array", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":"
                        + "{\"list\":[1,{\"k\":1,\"k\":2}]}}", "k"),
                Arguments.of("in an unknown member", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"extra\":{\"a\":1,\"a\":1}}", "a"),
                Arguments.of("in an error's data", "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"m\","
                        + "\"data\":{\"d\":1,\"d\":2}}}", "d"),
                Arguments.of("at the end of a large object", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{"
                        + many("m", 40) + ",\"m3\":0}}", "m3"),
                Arguments.of("in a batch element", "[{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"method\":\"y\"}]", "method"));
    }

    @ParameterizedTest(name = "a duplicate member {0} is a parse error")
    @MethodSource("duplicateMembers")
    void aDuplicateMemberAnywhereIsRefused(String where, String input, String member) {
        Decoded decoded = decode(input);
        Decoded.Invalid invalid = (Decoded.Invalid) (decoded instanceof Decoded.Batch batch ? batch.items().get(0) : decoded);
        assertThat(invalid.error().code()).isEqualTo(JsonRpcError.PARSE_ERROR);
        assertThat(invalid.error().message()).contains("Duplicate Object property \"" + member + "\"");
    }

    @Test
    void oneNameInDifferentObjectsIsNoDuplicate() {
        Decoded decoded = decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"id\":{\"id\":1},"
                + "\"list\":[{\"id\":1},{\"id\":2}],\"big\":{" + many("m", 40) + "},\"after\":{" + many("m", 40) + "}}}");
        assertThat(decoded).isInstanceOf(Decoded.Message.class);
        Request request = (Request) ((Decoded.Message) decoded).message();
        assertThat(request.params().toString()).endsWith("\"m39\":39}}");
    }

    @Test
    void integerIdsStayIntegersAndStringIdsStayStrings() {
        Request numeric = (Request) ((Decoded.Message) decode("""
                {"jsonrpc":"2.0","id":7,"method":"ping"}""")).message();
        Request textual = (Request) ((Decoded.Message) decode("""
                {"jsonrpc":"2.0","id":"7","method":"ping"}""")).message();

        assertThat(numeric.id()).isEqualTo(RequestId.of(7)).isNotEqualTo(textual.id());
        assertThat(encode(Response.success(numeric.id(), java.util.Map.of())))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        assertThat(encode(Response.success(textual.id(), java.util.Map.of())))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}");
    }

    @Test
    void largestLongIdIsEchoedExactly() {
        Request request = (Request) ((Decoded.Message) decode("""
                {"jsonrpc":"2.0","id":9223372036854775807,"method":"ping"}""")).message();
        assertThat(encode(Response.success(request.id(), java.util.Map.of())))
                .contains("\"id\":9223372036854775807");
    }

    @Test
    void paramsStayRawUntilBoundAndSurviveAnOffsetBuffer() {
        byte[] framed = ("xxxx{\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}},"
                + "\"method\":\"tools/call\",\"id\":1,\"jsonrpc\":\"2.0\"}yyyy").getBytes(StandardCharsets.UTF_8);
        Request request = (Request) ((Decoded.Message) codec.decode(framed, 4, framed.length - 8)).message();

        RawJson params = request.rawParams();
        assertThat(params.toString()).isEqualTo("{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}");
        assertThat(params.isObject()).isTrue();
        JsonNode tree = params.tree();
        assertThat(tree.get("arguments").get("message").asString()).isEqualTo("hi");
        record Args(String name) {
        }
        assertThat(params.bind(Args.class).name()).isEqualTo("echo");
    }

    @Test
    void aMessageWithoutIdIsANotification() {
        Decoded decoded = decode("""
                {"jsonrpc":"2.0","method":"notifications/initialized"}""");
        assertThat(decoded).isEqualTo(new Decoded.Message(new Notification("notifications/initialized", null)));
    }

    @Test
    void responsesDecodeWithTheirResultOrError() {
        Response.Success success = (Response.Success) ((Decoded.Message) decode("""
                {"jsonrpc":"2.0","id":"s1","result":{"roots":[]}}""")).message();
        assertThat(success.rawResult().toString()).isEqualTo("{\"roots\":[]}");

        Response.Failure failure = (Response.Failure) ((Decoded.Message) decode("""
                {"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"nope","data":{"x":1}}}""")).message();
        assertThat(failure.error().code()).isEqualTo(-32601);
        assertThat(failure.error().data().toString()).isEqualTo("{\"x\":1}");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("not JSON at all", "garbage", JsonRpcError.PARSE_ERROR, null, true),
                Arguments.of("truncated object", "{\"jsonrpc\":\"2.0\",\"id\":1,", JsonRpcError.PARSE_ERROR, null, true),
                Arguments.of("trailing data", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"} {}",
                        JsonRpcError.PARSE_ERROR, null, true),
                Arguments.of("a bare number", "42", JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("an empty object", "{}", JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("wrong version", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"x\"}",
                        JsonRpcError.INVALID_REQUEST, RequestId.of(1), true),
                Arguments.of("missing version", "{\"id\":\"a\",\"method\":\"x\"}",
                        JsonRpcError.INVALID_REQUEST, RequestId.of("a"), true),
                Arguments.of("null id", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"x\"}",
                        JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("fractional id", "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}",
                        JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("object id", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}",
                        JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("huge id", "{\"jsonrpc\":\"2.0\",\"id\":92233720368547758070,\"method\":\"x\"}",
                        JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("numeric method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
                        JsonRpcError.INVALID_REQUEST, RequestId.of(1), true),
                Arguments.of("string params", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":\"p\"}",
                        JsonRpcError.INVALID_REQUEST, RequestId.of(1), true),
                Arguments.of("method and result", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"result\":{}}",
                        JsonRpcError.INVALID_REQUEST, RequestId.of(1), true),
                Arguments.of("duplicate member", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"method\":\"b\"}",
                        JsonRpcError.PARSE_ERROR, null, true),
                Arguments.of("result and error", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}",
                        JsonRpcError.INVALID_REQUEST, RequestId.of(1), false),
                Arguments.of("an empty batch", "[]", JsonRpcError.INVALID_REQUEST, null, true),
                Arguments.of("an empty message", "   ", JsonRpcError.INVALID_REQUEST, null, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsReportedWithTheExactErrorNeverThrown(String name, String input, int code, RequestId id,
            boolean owesAnswer) {
        Decoded decoded = decode(input);

        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        Decoded.Invalid invalid = (Decoded.Invalid) decoded;
        assertThat(invalid.error().code()).isEqualTo(code);
        assertThat(invalid.id()).isEqualTo(id);
        assertThat(invalid.request()).isEqualTo(owesAnswer);
        assertThat(invalid.error().message()).doesNotContain("\n").doesNotContain("StreamReadConstraints");
    }

    @Test
    void nestingBeyondTheLimitIsAnInvalidRequestNamingTheLimit() {
        JsonRpcCodec strict = JsonRpcCodec.create(JsonRpcLimits.builder().maxNestingDepth(8).build());
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"a\":"
                + "[".repeat(20) + "]".repeat(20) + "}}";

        Decoded.Invalid invalid = (Decoded.Invalid) strict.decode(deep.getBytes(StandardCharsets.UTF_8));

        assertThat(invalid.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
        assertThat(invalid.error().message()).contains("nesting depth").contains("8");
        assertThat(invalid.id()).isEqualTo(RequestId.of(1));
    }

    @Test
    void stringsAndNumbersBeyondTheirLimitsAreRejected() {
        JsonRpcCodec strict = JsonRpcCodec.create(JsonRpcLimits.builder().maxStringLength(10).maxNumberLength(5).build());

        Decoded.Invalid longMethod = (Decoded.Invalid) strict.decode(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8));
        Decoded.Invalid longNumber = (Decoded.Invalid) strict.decode(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"n\":1234567890}}"
                        .getBytes(StandardCharsets.UTF_8));
        Request lazy = (Request) ((Decoded.Message) strict.decode(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"s\":\"0123456789abcdef\"}}"
                        .getBytes(StandardCharsets.UTF_8))).message();

        assertThat(longMethod.error().message()).startsWith("Invalid Request: String value length");
        assertThat(longNumber.error().message()).startsWith("Invalid Request: Number value length");
        // strings inside params are skipped, not read, while decoding: their limit applies when bound
        assertThatThrownBy(() -> lazy.rawParams().tree())
                .isInstanceOf(tools.jackson.core.exc.StreamConstraintsException.class)
                .hasMessageContaining("String value length");
    }

    @Test
    void anIdOverItsLimitIsRefusedWithANullIdAndOnlyItsBeginningQuoted() {
        String id = "a\\nb".repeat(1 << 19); // 2 MiB in the message
        Decoded.Invalid invalid = (Decoded.Invalid) decode("{\"jsonrpc\":\"2.0\",\"id\":\"" + id
                + "\",\"method\":\"ping\"}");

        assertThat(invalid.request()).isTrue();
        assertThat(invalid.id()).isNull();
        assertThat(invalid.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
        assertThat(invalid.error().message())
                .startsWith("Invalid Request: the id is 1572864 characters long, more than the limit of 1024")
                .contains("(it begins \"a?ba?ba?b")
                .hasSizeLessThan(200);
        // an id at the limit is an id
        Request atLimit = (Request) ((Decoded.Message) decode("{\"jsonrpc\":\"2.0\",\"id\":\"" + "x".repeat(1024)
                + "\",\"method\":\"ping\"}")).message();
        assertThat(atLimit.id()).isEqualTo(RequestId.of("x".repeat(1024)));
    }

    @Test
    void aMethodOverTheNameLimitIsRefusedWithoutBeingEchoed() {
        JsonRpcCodec strict = JsonRpcCodec.create(JsonRpcLimits.builder().maxNameLength(16).build());
        Decoded.Invalid invalid = (Decoded.Invalid) strict.decode(("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\""
                + "m".repeat(17) + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(invalid.id()).isEqualTo(RequestId.of(7));
        assertThat(invalid.error().message())
                .isEqualTo("Invalid Request: the method is 17 characters long, more than the limit of 16");
    }

    @Test
    void aMessageOverTheSizeLimitIsRejectedBeforeParsing() {
        JsonRpcCodec small = JsonRpcCodec.create(JsonRpcLimits.builder().maxMessageBytes(32).build());
        Decoded.Invalid invalid = (Decoded.Invalid) small.decode(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"abcdefghijklmnopqrstuvwxyz\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.error().message()).contains("more than the limit of 32 bytes");
    }

    @Test
    void batchesDecodeElementByElement() {
        Decoded.Batch batch = (Decoded.Batch) decode("""
                [{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"b"},7]""");

        assertThat(batch.items()).hasSize(3);
        assertThat(batch.items().get(0)).isInstanceOf(Decoded.Message.class);
        assertThat(((Decoded.Message) batch.items().get(1)).message()).isInstanceOf(Notification.class);
        assertThat(((Decoded.Invalid) batch.items().get(2)).error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    }

    @Test
    void aBatchOverTheLimitIsRejectedWhole() {
        JsonRpcCodec strict = JsonRpcCodec.create(JsonRpcLimits.builder().maxBatchSize(2).build());
        String three = "[" + String.join(",", java.util.Collections.nCopies(3,
                "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}")) + "]";
        Decoded.Invalid invalid = (Decoded.Invalid) strict.decode(three.getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.error().message()).contains("at most 2");
    }

    @Test
    void encodedMessagesAreCompactSingleLines() {
        String encoded = encode(new Request(RequestId.of("r"), "x", java.util.Map.of("text", "a\nb")));
        assertThat(encoded).doesNotContain("\n").contains("a\\nb");
    }

    @Test
    void failuresWithoutAReadableIdOmitTheId() {
        String encoded = encode(Response.failure(null, JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error")));
        assertThat(encoded).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
    }

    @Test
    void rawValuesAreWrittenBackVerbatim() {
        Request request = (Request) ((Decoded.Message) decode("""
                {"jsonrpc":"2.0","id":1,"method":"x","params":{"n":1.50,"s":"\\u00e9"}}""")).message();
        String encoded = encode(new Notification("y", request.params()));
        assertThat(encoded).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"y\",\"params\":{\"n\":1.50,\"s\":\"\\u00e9\"}}");
    }

    @Test
    void encodesBatchesAsOneArray() {
        byte[] bytes = codec.encodeBatch(List.of(Response.success(RequestId.of(1), java.util.Map.of()),
                Response.success(RequestId.of(2), java.util.Map.of())), codec.writer(null));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("[{").endsWith("}]");
    }
}
