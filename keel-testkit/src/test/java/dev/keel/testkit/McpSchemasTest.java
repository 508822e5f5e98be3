package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.keel.spec.ProtocolVersion;
import tools.jackson.databind.JsonNode;

/** The checker the test kit applies to every server message finds what it must find. */
class McpSchemasTest {

    private final McpSchemas schemas = McpSchemas.official();

    private static JsonNode json(String text) {
        return Fixtures.JSON.readTree(text);
    }

    @Test
    void aValidModernToolResultPasses() {
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":1,"result":{"resultType":"complete","content":[{"type":"text","text":"x"}]}}"""),
                ProtocolVersion.V2026_07_28, "tools/call")).isEmpty();
    }

    @Test
    void aModernResultWithoutResultTypeFails() {
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"x"}]}}"""),
                ProtocolVersion.V2026_07_28, "tools/call")).isNotEmpty();
    }

    @Test
    void aToolResultWithoutContentFailsInEveryRevision() {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            String result = version.isModern() ? "{\"resultType\":\"complete\"}" : "{}";
            assertThat(schemas.checkServerMessage(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}"),
                    version, "tools/call")).as(version.id()).isNotEmpty();
        }
    }

    @Test
    void legacyResultsMustNotCarryFieldsTheirRevisionLacks() {
        JsonNode message = json("""
                {"jsonrpc":"2.0","id":1,"result":{"resultType":"complete","tools":[
                  {"name":"t","title":"T","inputSchema":{"type":"object","properties":{"title":{"type":"string"}}},
                   "icons":[{"src":"https://x/i.png"}]}]}}""");

        assertThat(schemas.checkServerMessage(message, ProtocolVersion.V2024_11_05, "tools/list"))
                .anyMatch(p -> p.contains("resultType"))
                .anyMatch(p -> p.contains("result.tools[0].title"))
                .anyMatch(p -> p.contains("icons"))
                .noneMatch(p -> p.contains("inputSchema"));
    }

    @Test
    void legacyContentMustExistInTheRevision() {
        JsonNode message = json("""
                {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"audio","data":"AA==","mimeType":"audio/wav"}]}}""");
        assertThat(schemas.checkServerMessage(message, ProtocolVersion.V2024_11_05, "tools/call"))
                .anyMatch(p -> p.contains("audio"));
        assertThat(schemas.checkServerMessage(message, ProtocolVersion.V2025_03_26, "tools/call")).isEmpty();
    }

    @Test
    void modernErrorsUseOnlyTheirDefinedCodesAndShapes() {
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32002,"message":"Resource not found"}}"""),
                ProtocolVersion.V2026_07_28, "resources/read")).isNotEmpty();
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"Unsupported"}}"""),
                ProtocolVersion.V2026_07_28, null)).isNotEmpty();
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"Unsupported",
                 "data":{"supported":["2026-07-28"],"requested":"1999-01-01"}}}"""),
                ProtocolVersion.V2026_07_28, null)).isEmpty();
    }

    @Test
    void modernServersNeverSendRequests() {
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":5,"method":"roots/list"}"""), ProtocolVersion.V2026_07_28, null)).isNotEmpty();
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","id":5,"method":"roots/list"}"""), ProtocolVersion.V2025_06_18, null)).isEmpty();
    }

    @Test
    void notificationsAreCheckedAgainstServerNotification() {
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":0.5}}"""),
                ProtocolVersion.V2026_07_28, null)).isEmpty();
        assertThat(schemas.checkServerMessage(json("""
                {"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":0.5}}"""),
                ProtocolVersion.V2026_07_28, null)).isNotEmpty();
    }
}
