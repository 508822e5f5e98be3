package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MultiRoundTripTypesTest {

    private final JsonMapper mapper = JsonRpcCodec.create().mapper();

    private JsonNode write(Object value, ProtocolVersion version) {
        return mapper.readTree(mapper.writerWithView(version.view()).writeValueAsString(value));
    }

    @Test
    void anInputResponseOfEachKindIsReadAsItsOwnType() {
        Map<String, InputResponse> responses = mapper.readValue("""
                {"form":{"action":"accept","content":{"name":"octocat"}},
                 "declined":{"action":"decline"},
                 "sample":{"role":"assistant","content":{"type":"text","text":"Paris"},"model":"m"},
                 "roots":{"roots":[{"uri":"file:///repo","name":"repo"}]}}""",
                new TypeReference<Map<String, InputResponse>>() {
                });

        assertThat(responses.get("form")).isEqualTo(ElicitResult.accept(Map.of("name", "octocat")));
        assertThat(responses.get("declined")).isEqualTo(ElicitResult.decline());
        assertThat(responses.get("sample")).isInstanceOfSatisfying(CreateMessageResult.class, result -> {
            assertThat(result.model()).isEqualTo("m");
            assertThat(result.content()).containsExactly(TextContent.of("Paris"));
        });
        assertThat(responses.get("roots")).isEqualTo(ListRootsResult.of(new Root("file:///repo", "repo", null)));
    }

    @Test
    void anInputResponseWithoutATellingFieldIsRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"content\":{\"name\":\"x\"}}", InputResponse.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("\"action\" (ElicitResult)");
        assertThatThrownBy(() -> mapper.readValue("[]", InputResponse.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void anInputRequestOfEachMethodIsReadAsItsOwnType() {
        Map<String, InputRequest> requests = mapper.readValue("""
                {"e":{"method":"elicitation/create","params":{"message":"m","requestedSchema":{"type":"object","properties":{}}}},
                 "s":{"method":"sampling/createMessage","params":{"messages":[],"maxTokens":5}},
                 "r":{"method":"roots/list"}}""",
                new TypeReference<Map<String, InputRequest>>() {
                });

        assertThat(requests.get("e")).isInstanceOf(ElicitRequest.class);
        assertThat(requests.get("s")).isInstanceOfSatisfying(CreateMessageRequest.class,
                request -> assertThat(request.params().maxTokens()).isEqualTo(5));
        assertThat(requests.get("r")).isEqualTo(ListRootsRequest.instance());
        assertThatThrownBy(() -> mapper.readValue("{\"method\":\"tools/call\",\"params\":{}}", InputRequest.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void inputRequiredResultsSayInputRequiredToModernClientsOnly() {
        InputRequiredResult result = InputRequiredResult.of(Map.of("roots", ListRootsRequest.instance()), "state");

        assertThat(write(result, ProtocolVersion.V2026_07_28).toString()).isEqualTo("{\"inputRequests\":{\"roots\":"
                + "{\"method\":\"roots/list\"}},\"requestState\":\"state\",\"resultType\":\"input_required\"}");
        assertThat(write(result, ProtocolVersion.V2025_11_25).has("resultType")).isFalse();
    }

    @Test
    void anInputRequiredResultAsksForInputOrCarriesState() {
        assertThatThrownBy(() -> InputRequiredResult.of(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(write(InputRequiredResult.of(null, "later"), ProtocolVersion.LATEST).toString())
                .isEqualTo("{\"requestState\":\"later\",\"resultType\":\"input_required\"}");
    }

    @Test
    void retriedRequestsCarryTypedInputResponses() {
        String json = """
                {"name":"book","arguments":{"city":"Paris"},"inputResponses":{"confirm":{"action":"accept","content":{"ok":true}},
                "roots":{"roots":[]}},"requestState":"abc"}""";

        CallToolRequestParams call = mapper.readValue(json, CallToolRequestParams.class);
        ReadResourceRequestParams read = mapper.readValue("{\"uri\":\"a://b\",\"inputResponses\":{\"r\":{\"roots\":[]}}}",
                ReadResourceRequestParams.class);
        GetPromptRequestParams get = mapper.readValue("{\"name\":\"p\",\"inputResponses\":{\"e\":{\"action\":\"cancel\"}}}",
                GetPromptRequestParams.class);

        assertThat(call.inputResponses().get("confirm")).isEqualTo(ElicitResult.accept(Map.of("ok", true)));
        assertThat(call.inputResponses().get("roots")).isEqualTo(new ListRootsResult(List.of(), null));
        assertThat((Object) write(call, ProtocolVersion.LATEST)).isEqualTo(mapper.readTree(json));
        assertThat(read.inputResponses().get("r")).isInstanceOf(ListRootsResult.class);
        assertThat(get.inputResponses().get("e")).isEqualTo(ElicitResult.cancel());
    }
}
