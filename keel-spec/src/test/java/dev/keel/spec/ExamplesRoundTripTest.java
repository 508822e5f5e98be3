package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.jsonrpc.Decoded;
import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.jsonrpc.JsonRpcMessage;
import dev.keel.jsonrpc.Notification;
import dev.keel.jsonrpc.RawJson;
import dev.keel.jsonrpc.Request;
import dev.keel.jsonrpc.Response;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every official 2026-07-28 example, read into Keel's types and written back with the 2026-07-28
 * view, is the JSON it was: same members, no added nulls or defaults, numbers of the same kind.
 * JSON-RPC messages go through {@link JsonRpcCodec} with their params or result bound to the Keel
 * type of their method.
 */
class ExamplesRoundTripTest {

    private static final Path EXAMPLES =
            Path.of("../keel-testkit/src/main/resources/dev/keel/testkit/schema/2026-07-28/examples");

    private static final JsonRpcCodec CODEC = JsonRpcCodec.create();
    private static final JsonMapper MAPPER = CODEC.mapper();
    private static final Class<?> VIEW = ProtocolVersion.V2026_07_28.view();

    /**
     * The Keel type of each example folder. For a JSON-RPC message it is the type of the params (a
     * request or notification) or of the result (a response); an error keeps its {@link JsonRpcError}.
     */
    private static final Map<String, JavaType> TYPES = Map.ofEntries(
            // content and other plain values
            plain("AudioContent", AudioContent.class),
            plain("BlobResourceContents", BlobResourceContents.class),
            plain("ClientCapabilities", ClientCapabilities.class),
            plain("EmbeddedResource", EmbeddedResource.class),
            plain("ImageContent", ImageContent.class),
            plain("ModelPreferences", ModelPreferences.class),
            plain("Resource", Resource.class),
            plain("ResourceLink", ResourceLink.class),
            plain("Root", Root.class),
            plain("SamplingMessage", SamplingMessage.class),
            plain("ServerCapabilities", ServerCapabilities.class),
            plain("TextContent", TextContent.class),
            plain("TextResourceContents", TextResourceContents.class),
            plain("Tool", Tool.class),
            plain("ToolResultContent", ToolResultContent.class),
            plain("ToolUseContent", ToolUseContent.class),
            // elicitation field schemas
            plain("BooleanSchema", BooleanSchema.class),
            plain("NumberSchema", NumberSchema.class),
            plain("StringSchema", StringSchema.class),
            plain("TitledMultiSelectEnumSchema", TitledMultiSelectEnumSchema.class),
            plain("TitledSingleSelectEnumSchema", TitledSingleSelectEnumSchema.class),
            plain("UntitledMultiSelectEnumSchema", UntitledMultiSelectEnumSchema.class),
            plain("UntitledSingleSelectEnumSchema", UntitledSingleSelectEnumSchema.class),
            // params
            plain("CallToolRequestParams", CallToolRequestParams.class),
            plain("CancelledNotificationParams", CancelledNotificationParams.class),
            plain("CompleteRequestParams", CompleteRequestParams.class),
            plain("CreateMessageRequestParams", CreateMessageRequestParams.class),
            plain("ElicitRequestFormParams", ElicitRequestFormParams.class),
            plain("ElicitRequestURLParams", ElicitRequestURLParams.class),
            plain("GetPromptRequestParams", GetPromptRequestParams.class),
            plain("LoggingMessageNotificationParams", LoggingMessageNotificationParams.class),
            plain("PaginatedRequestParams", PaginatedRequestParams.class),
            plain("ProgressNotificationParams", ProgressNotificationParams.class),
            plain("ResourceUpdatedNotificationParams", ResourceUpdatedNotificationParams.class),
            // results
            plain("CallToolResult", CallToolResult.class),
            plain("CompleteResult", CompleteResult.class),
            plain("CreateMessageResult", CreateMessageResult.class),
            plain("DiscoverResult", DiscoverResult.class),
            plain("ElicitResult", ElicitResult.class),
            plain("GetPromptResult", GetPromptResult.class),
            plain("InputRequiredResult", InputRequiredResult.class),
            plain("ListPromptsResult", ListPromptsResult.class),
            plain("ListResourceTemplatesResult", ListResourceTemplatesResult.class),
            plain("ListResourcesResult", ListResourcesResult.class),
            plain("ListRootsResult", ListRootsResult.class),
            plain("ListToolsResult", ListToolsResult.class),
            plain("ReadResourceResult", ReadResourceResult.class),
            plain("SubscriptionsListenResult", SubscriptionsListenResult.class),
            // multi round-trip requests: {method, params} objects and the maps that carry them
            plain("CreateMessageRequest", CreateMessageRequest.class),
            plain("ElicitRequest", ElicitRequest.class),
            plain("ListRootsRequest", ListRootsRequest.class),
            Map.entry("InputRequests", MAPPER.getTypeFactory().constructMapType(Map.class, String.class, InputRequest.class)),
            Map.entry("InputResponses", MAPPER.getTypeFactory().constructMapType(Map.class, String.class, InputResponse.class)),
            // bare JSON-RPC error objects
            plain("InternalError", JsonRpcError.class),
            plain("InvalidParamsError", JsonRpcError.class),
            plain("MethodNotFoundError", JsonRpcError.class),
            plain("ParseError", JsonRpcError.class),
            // JSON-RPC requests: the type of their params
            plain("CallToolRequest", CallToolRequestParams.class),
            plain("CompleteRequest", CompleteRequestParams.class),
            plain("DiscoverRequest", RequestParams.class),
            plain("GetPromptRequest", GetPromptRequestParams.class),
            plain("ListPromptsRequest", PaginatedRequestParams.class),
            plain("ListResourceTemplatesRequest", PaginatedRequestParams.class),
            plain("ListResourcesRequest", PaginatedRequestParams.class),
            plain("ListToolsRequest", PaginatedRequestParams.class),
            plain("ReadResourceRequest", ReadResourceRequestParams.class),
            plain("SubscriptionsListenRequest", SubscriptionsListenRequestParams.class),
            // JSON-RPC notifications: the type of their params
            plain("CancelledNotification", CancelledNotificationParams.class),
            plain("LoggingMessageNotification", LoggingMessageNotificationParams.class),
            plain("ProgressNotification", ProgressNotificationParams.class),
            plain("PromptListChangedNotification", NotificationParams.class),
            plain("ResourceListChangedNotification", NotificationParams.class),
            plain("ResourceUpdatedNotification", ResourceUpdatedNotificationParams.class),
            plain("SubscriptionsAcknowledgedNotification", SubscriptionsAcknowledgedNotificationParams.class),
            plain("ToolListChangedNotification", NotificationParams.class),
            // JSON-RPC responses: the type of their result (InputRequiredResult when it says so)
            plain("CallToolResultResponse", CallToolResult.class),
            plain("CompleteResultResponse", CompleteResult.class),
            plain("DiscoverResultResponse", DiscoverResult.class),
            plain("GetPromptResultResponse", GetPromptResult.class),
            plain("ListPromptsResultResponse", ListPromptsResult.class),
            plain("ListResourceTemplatesResultResponse", ListResourceTemplatesResult.class),
            plain("ListResourcesResultResponse", ListResourcesResult.class),
            plain("ListToolsResultResponse", ListToolsResult.class),
            plain("ReadResourceResultResponse", ReadResourceResult.class),
            plain("SubscriptionsListenResultResponse", SubscriptionsListenResult.class),
            // JSON-RPC error responses: the error keeps its raw data
            plain("HeaderMismatchError", JsonRpcError.class),
            plain("MissingRequiredClientCapabilityError", JsonRpcError.class),
            plain("UnsupportedProtocolVersionError", JsonRpcError.class));

    /**
     * Members an example carries although its schema type does not define them. Keel, like the
     * schema, has no place for them, so they are dropped on reading; the test checks that they are
     * still there, so that this list goes stale loudly when the upstream example is fixed.
     */
    private static final Map<String, Set<String>> UNDEFINED_MEMBERS = Map.of(
            // ListRootsRequest is {method, params} in 2026-07-28; this example still carries the "id"
            // of the legacy JSON-RPC request (without its "jsonrpc").
            "ListRootsRequest/list-roots-request.json", Set.of("id"));

    private static Map.Entry<String, JavaType> plain(String folder, Class<?> type) {
        return Map.entry(folder, MAPPER.constructType(type));
    }

    static Stream<String> examples() throws IOException {
        assertThat(EXAMPLES).as("the vendored 2026-07-28 examples").isDirectory();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(file -> EXAMPLES.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
            assertThat(names).as("the vendored 2026-07-28 examples").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyOfficialExampleRoundTripsThroughKeelTypes(String example) throws IOException {
        String folder = example.substring(0, example.indexOf('/'));
        JavaType type = TYPES.get(folder);
        if (type == null) {
            fail("no Keel type is mapped for the example folder " + folder + " (" + example + ")");
        }
        byte[] json = Files.readAllBytes(EXAMPLES.resolve(example));
        JsonNode expected = MAPPER.readTree(json);
        for (String member : UNDEFINED_MEMBERS.getOrDefault(example, Set.of())) {
            assertThat(expected.has(member)).as("%s still carries the undefined member %s", example, member).isTrue();
            ((ObjectNode) expected).remove(member);
        }

        JsonNode actual = expected.has("jsonrpc") ? roundTripMessage(json, type) : roundTripValue(json, type);

        if (!actual.equals(expected)) {
            fail(example + " did not survive " + type + ":\n  expected " + expected + "\n  actual   " + actual);
        }
    }

    /** Reads {@code json} as {@code type} and writes it back with the 2026-07-28 view. */
    private static JsonNode roundTripValue(byte[] json, JavaType type) {
        Object value = MAPPER.readValue(json, type);
        assertThat(value).isInstanceOf(type.getRawClass());
        return MAPPER.readTree(MAPPER.writerWithView(VIEW).forType(type).writeValueAsBytes(value));
    }

    /** Decodes a JSON-RPC message, binds its params or result to {@code type}, and encodes it again. */
    private static JsonNode roundTripMessage(byte[] json, JavaType type) {
        Decoded decoded = CODEC.decode(json);
        assertThat(decoded).isInstanceOf(Decoded.Message.class);
        JsonRpcMessage message = ((Decoded.Message) decoded).message();
        JsonRpcMessage typed = switch (message) {
            case Request request -> new Request(request.id(), request.method(), bind(request.rawParams(), type));
            case Notification notification -> new Notification(notification.method(),
                    bind(notification.rawParams(), type));
            case Response.Success success -> Response.success(success.id(),
                    bind(success.rawResult(), resultType(success.rawResult(), type)));
            case Response.Failure failure -> {
                assertThat(type.getRawClass()).as("the type of an error response").isEqualTo(JsonRpcError.class);
                yield failure;
            }
        };
        return MAPPER.readTree(CODEC.encode(typed, CODEC.writer(VIEW)));
    }

    private static Object bind(RawJson raw, JavaType type) {
        if (raw == null) {
            return null;
        }
        Object value = raw.bind(type);
        assertThat(value).isInstanceOf(type.getRawClass());
        return value;
    }

    /** {@link InputRequiredResult} when the result says so, else {@code type}. */
    private static JavaType resultType(RawJson result, JavaType type) {
        JsonNode resultType = result.tree().get("resultType");
        return resultType != null && "input_required".equals(resultType.asString())
                ? MAPPER.constructType(InputRequiredResult.class)
                : type;
    }

    @Test
    void everyMappedFolderHasExamples() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> entries = Files.list(EXAMPLES)) {
            entries.filter(Files::isDirectory).forEach(dir -> folders.add(dir.getFileName().toString()));
        }
        assertThat(folders).containsAll(TYPES.keySet());
    }
}
