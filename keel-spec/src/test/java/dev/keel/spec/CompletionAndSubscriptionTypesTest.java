package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcCodec;
import dev.keel.jsonrpc.RequestId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CompletionAndSubscriptionTypesTest {

    private final JsonMapper mapper = JsonRpcCodec.create().mapper();

    private JsonNode write(Object value, ProtocolVersion version) {
        return mapper.readTree(mapper.writerWithView(version.view()).writeValueAsString(value));
    }

    @Test
    void completionReferencesAreToldApartByType() {
        CompleteRequestParams prompt = mapper.readValue(
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"review\"},\"argument\":{\"name\":\"lang\",\"value\":\"py\"}}",
                CompleteRequestParams.class);
        CompleteRequestParams resource = mapper.readValue(
                "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"file:///{path}\"},\"argument\":{\"name\":\"path\",\"value\":\"s\"}}",
                CompleteRequestParams.class);

        assertThat(prompt.ref()).isEqualTo(new PromptReference("review", null));
        assertThat(resource.ref()).isEqualTo(new ResourceTemplateReference("file:///{path}"));
    }

    @Test
    void completionTitlesAndContextAreHiddenFromRevisionsBefore2025_06_18() {
        CompleteRequestParams params = new CompleteRequestParams(new PromptReference("review", "Review"),
                new CompleteRequestParams.Argument("framework", "fla"),
                new CompleteRequestParams.Context(Map.of("language", "python")), null);

        assertThat(write(params, ProtocolVersion.V2025_06_18).toString()).isEqualTo("{\"ref\":{\"type\":\"ref/prompt\","
                + "\"name\":\"review\",\"title\":\"Review\"},\"argument\":{\"name\":\"framework\",\"value\":\"fla\"},"
                + "\"context\":{\"arguments\":{\"language\":\"python\"}}}");
        assertThat(write(params, ProtocolVersion.V2025_03_26).toString()).isEqualTo("{\"ref\":{\"type\":\"ref/prompt\","
                + "\"name\":\"review\"},\"argument\":{\"name\":\"framework\",\"value\":\"fla\"}}");
    }

    @Test
    void aCompletionCarriesAtMostOneHundredValues() {
        List<String> values = IntStream.range(0, 150).mapToObj(i -> "v" + i).toList();

        CompleteResult result = CompleteResult.of(values);

        assertThat(result.completion().values()).hasSize(100).startsWith("v0").endsWith("v99");
        assertThat(result.completion().total()).isEqualTo(150);
        assertThat(result.completion().hasMore()).isTrue();
        assertThat(write(CompleteResult.of(List.of("flask")), ProtocolVersion.LATEST).toString()).isEqualTo(
                "{\"completion\":{\"values\":[\"flask\"],\"total\":1,\"hasMore\":false},\"resultType\":\"complete\"}");
        assertThatThrownBy(() -> new CompleteResult.Completion(values, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListenResultNamesItsSubscription() {
        SubscriptionsListenResult result = SubscriptionsListenResult.of(RequestId.of(7));

        assertThat(write(result, ProtocolVersion.LATEST).toString())
                .isEqualTo("{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":7},\"resultType\":\"complete\"}");
        assertThat(mapper.readValue("{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"listen-1\"}}",
                SubscriptionsListenResult.class).subscriptionId()).isEqualTo(RequestId.of("listen-1"));
        assertThatThrownBy(() -> new SubscriptionsListenResult(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriptionFilterLeavesOutWhatIsNotWanted() {
        SubscriptionsListenRequestParams params = new SubscriptionsListenRequestParams(
                new SubscriptionFilter(true, null, null, List.of("file:///a")), null);

        assertThat(write(params, ProtocolVersion.LATEST).toString())
                .isEqualTo("{\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"file:///a\"]}}");
        assertThat(write(NotificationParams.forSubscription(RequestId.of("listen-1")), ProtocolVersion.LATEST).toString())
                .isEqualTo("{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"listen-1\"}}");
    }

    @Test
    void legacyOnlyParametersBindTheirRequiredFields() {
        assertThat(mapper.readValue("{\"level\":\"warning\"}", SetLevelRequestParams.class).level())
                .isEqualTo(LoggingLevel.WARNING);
        assertThat(mapper.readValue("{\"uri\":\"a://b\"}", SubscribeRequestParams.class).uri()).isEqualTo("a://b");
        assertThat(mapper.readValue("{\"uri\":\"a://b\"}", UnsubscribeRequestParams.class).uri()).isEqualTo("a://b");
        assertThat(mapper.readValue("{\"elicitationId\":\"e\"}", ElicitationCompleteNotificationParams.class)
                .elicitationId()).isEqualTo("e");
        assertThatThrownBy(() -> mapper.readValue("{}", SubscribeRequestParams.class))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
