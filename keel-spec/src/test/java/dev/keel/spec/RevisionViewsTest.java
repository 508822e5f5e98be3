package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RevisionViewsTest {

    private final JsonMapper mapper = JsonRpcCodec.create().mapper();

    private JsonNode write(Object value, ProtocolVersion version) {
        return mapper.readTree(mapper.writerWithView(version.view()).writeValueAsString(value));
    }

    private final Tool tool = new Tool("echo", "Echo", "Echoes", mapper.readTree("{\"type\":\"object\"}"),
            mapper.readTree("{\"type\":\"object\"}"), ToolAnnotations.readOnly(), List.of(Icon.of("https://x/i.png")),
            null);

    @Test
    void modernResultsCarryResultTypeAndCachingHints() {
        JsonNode json = write(ListToolsResult.of(List.of(tool)).withCache(60_000, CacheScope.PUBLIC),
                ProtocolVersion.V2026_07_28);

        assertThat(json.get("resultType").asString()).isEqualTo("complete");
        assertThat(json.get("ttlMs").asLong()).isEqualTo(60_000);
        assertThat(json.get("cacheScope").asString()).isEqualTo("public");
    }

    @Test
    void legacyResultsCarryNeitherResultTypeNorCachingHints() {
        JsonNode json = write(ListToolsResult.of(List.of(tool)).withCache(60_000, CacheScope.PUBLIC),
                ProtocolVersion.V2025_11_25);

        assertThat(json.has("resultType")).isFalse();
        assertThat(json.has("ttlMs")).isFalse();
        assertThat(json.has("cacheScope")).isFalse();
    }

    @Test
    void eachRevisionSeesOnlyTheToolFieldsItKnows() {
        assertThat(fieldNames(write(tool, ProtocolVersion.V2024_11_05))).containsExactly("name", "description", "inputSchema");
        assertThat(fieldNames(write(tool, ProtocolVersion.V2025_03_26)))
                .containsExactly("name", "description", "inputSchema", "annotations");
        assertThat(fieldNames(write(tool, ProtocolVersion.V2025_06_18)))
                .containsExactly("name", "title", "description", "inputSchema", "outputSchema", "annotations");
        assertThat(fieldNames(write(tool, ProtocolVersion.V2025_11_25)))
                .containsExactly("name", "title", "description", "inputSchema", "outputSchema", "annotations", "icons");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }

    @Test
    void resultTypeOnTheWireIsIgnoredWhenReading() {
        CallToolResult result = mapper.readValue("""
                {"resultType":"complete","content":[{"type":"text","text":"hi"}],"isError":false}""",
                CallToolResult.class);

        assertThat(result.content()).containsExactly(TextContent.of("hi"));
        assertThat(result.isError()).isFalse();
        assertThat(write(result, ProtocolVersion.V2026_07_28).toString())
                .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"isError\":false,\"resultType\":\"complete\"}");
    }

    @Test
    void resourceContentsAreToldApartByTheirFields() {
        ReadResourceResult result = mapper.readValue("""
                {"contents":[{"uri":"a://1","text":"t"},{"uri":"a://2","blob":"AAE=","mimeType":"x/y"}]}""",
                ReadResourceResult.class);

        assertThat(result.contents().get(0)).isInstanceOf(TextResourceContents.class);
        assertThat(result.contents().get(1)).isInstanceOf(BlobResourceContents.class);
    }

    @Test
    void legacyClientsGetLinksAndAudioAsTextAndOnlyObjectStructuredContent() {
        CallToolResult result = new CallToolResult(List.of(ResourceLink.of("file:///a", "a"),
                AudioContent.of("AAA=", "audio/wav")), mapper.readTree("[1,2]"), null, null);

        CallToolResult old = result.adaptTo(ProtocolVersion.V2024_11_05);
        CallToolResult legacy = result.adaptTo(ProtocolVersion.V2025_11_25);

        assertThat(old.content()).allMatch(TextContent.class::isInstance);
        assertThat(legacy.content()).isEqualTo(result.content());
        assertThat(legacy.structuredContent()).isNull();
        assertThat(result.adaptTo(ProtocolVersion.V2026_07_28)).isSameAs(result);
    }

    @Test
    void theServerInfoOfModernResultsLivesInMeta() {
        Map<String, Object> meta = Map.of(MetaKeys.SERVER_INFO, Implementation.of("keel", "1"));
        JsonNode json = write(EmptyResult.instance().withMeta(meta), ProtocolVersion.V2026_07_28);
        assertThat(json.toString())
                .isEqualTo("{\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"keel\",\"version\":\"1\"}},"
                        + "\"resultType\":\"complete\"}");
    }

    @Test
    void protocolVersionsAreListedNewestFirst() {
        assertThat(ProtocolVersion.supportedIds())
                .containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
        assertThat(ProtocolVersion.of("2025-03-26")).contains(ProtocolVersion.V2025_03_26);
        assertThat(ProtocolVersion.of("1999-01-01")).isEmpty();
        assertThat(ProtocolVersion.V2025_03_26.allowsBatches()).isTrue();
        assertThat(ProtocolVersion.V2025_06_18.allowsBatches()).isFalse();
    }
}
