package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.RequestId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SamplingTypesTest {

    private final JsonMapper mapper = JsonRpcCodec.create().mapper();

    private JsonNode write(Object value, ProtocolVersion version) {
        return mapper.readTree(mapper.writerWithView(version.view()).writeValueAsString(value));
    }

    @Test
    void samplingContentIsWrittenBackInTheFormItWasRead() {
        String single = "{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}";
        String arrayOfOne = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}";

        SamplingMessage fromSingle = mapper.readValue(single, SamplingMessage.class);
        SamplingMessage fromArray = mapper.readValue(arrayOfOne, SamplingMessage.class);

        assertThat(fromSingle.content()).containsExactly(TextContent.of("hi"));
        assertThat(fromArray).isEqualTo(fromSingle);
        assertThat(write(fromSingle, ProtocolVersion.LATEST).toString()).isEqualTo(single);
        assertThat(write(fromArray, ProtocolVersion.LATEST).toString()).isEqualTo(arrayOfOne);
        assertThat(write(new SamplingMessage(Role.USER, fromArray.content(), null), ProtocolVersion.LATEST).toString())
                .as("a copy keeps the form").isEqualTo(arrayOfOne);
    }

    @Test
    void oneBlockBuiltInJavaIsWrittenAsABlockAndSeveralAsAnArray() {
        ToolUseContent paris = new ToolUseContent("1", "weather", Map.of("city", "Paris"), null);
        ToolUseContent london = new ToolUseContent("2", "weather", Map.of("city", "London"), null);

        assertThat(write(SamplingMessage.user("hi"), ProtocolVersion.V2024_11_05).toString())
                .isEqualTo("{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}");
        assertThat(write(new CreateMessageResult(Role.ASSISTANT, List.of(paris, london), "m", "toolUse", null),
                ProtocolVersion.LATEST).get("content").isArray()).isTrue();
    }

    @Test
    void samplingToolsAreHiddenFromRevisionsBefore2025_11_25() {
        Tool tool = new Tool("t", null, null, mapper.readTree("{\"type\":\"object\"}"), null, null, null, null);
        CreateMessageRequestParams params = new CreateMessageRequestParams(List.of(SamplingMessage.user("hi")), null, null,
                CreateMessageRequestParams.IncludeContext.NONE, 0.7, 100, null, null, List.of(tool),
                new ToolChoice(ToolChoice.Mode.REQUIRED), null);

        JsonNode modern = write(params, ProtocolVersion.V2025_11_25);
        JsonNode legacy = write(params, ProtocolVersion.V2025_06_18);

        assertThat(modern.get("toolChoice").toString()).isEqualTo("{\"mode\":\"required\"}");
        assertThat(modern.get("includeContext").asString()).isEqualTo("none");
        assertThat(legacy.has("tools")).isFalse();
        assertThat(legacy.has("toolChoice")).isFalse();
    }

    @Test
    void wholeNumbersAreWrittenAsIntegersAndFractionsAsThemselves() {
        ModelPreferences preferences = new ModelPreferences(List.of(new ModelHint("sonnet")), 1.0, 0.25, 0.0);
        ProgressNotificationParams progress = new ProgressNotificationParams(RequestId.of(1), 3, 10.5, null, null);

        assertThat(write(preferences, ProtocolVersion.LATEST).toString()).isEqualTo(
                "{\"hints\":[{\"name\":\"sonnet\"}],\"costPriority\":1,\"speedPriority\":0.25,\"intelligencePriority\":0}");
        assertThat(write(progress, ProtocolVersion.LATEST).toString())
                .isEqualTo("{\"progressToken\":1,\"progress\":3,\"total\":10.5}");
        assertThat(write(new ProgressNotificationParams(RequestId.of(1), 1e300, null, null, null), ProtocolVersion.LATEST)
                .get("progress").isDouble()).isTrue();
    }

    @Test
    void samplingParametersAreChecked() {
        assertThatThrownBy(() -> new ModelPreferences(null, 1.5, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreateMessageRequestParams.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
