package dev.keel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.CacheScope;
import dev.keel.spec.DiscoverResult;
import dev.keel.spec.MetaKeys;
import tools.jackson.databind.JsonNode;

/** The stateless 2026-07-28 era: per-request _meta, discovery, caching hints, serverInfo. */
class ModernEraTest {

    private final McpTestClient client = McpTestClient.connect(new Fixtures().server());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void discoverDescribesTheServerWithCachingHints() {
        Reply reply = client.request("server/discover", null);
        DiscoverResult result = reply.result(DiscoverResult.class);

        assertThat(result.supportedVersions()).startsWith("2026-07-28").contains("2025-11-25", "2024-11-05");
        assertThat(result.capabilities().tools()).isNotNull();
        assertThat(result.capabilities().resources()).isNotNull();
        assertThat(result.capabilities().prompts()).isNotNull();
        assertThat(result.instructions()).isEqualTo("Test fixtures.");
        assertThat(result.ttlMs()).isEqualTo(300_000);
        assertThat(result.cacheScope()).isEqualTo(CacheScope.PUBLIC);
        assertThat(reply.result().path("resultType").asString()).isEqualTo("complete");
        assertThat(reply.result().path("_meta").path(MetaKeys.SERVER_INFO).path("name").asString())
                .isEqualTo("fixtures");
    }

    @Test
    void everyResultCarriesResultTypeAndServerInfo() {
        for (String method : new String[] {"tools/list", "resources/list", "resources/templates/list", "prompts/list"}) {
            JsonNode result = client.request(method, null).result();
            assertThat(result.path("resultType").asString()).as(method).isEqualTo("complete");
            assertThat(result.path("ttlMs").asLong()).as(method).isEqualTo(60_000);
            assertThat(result.path("cacheScope").asString()).as(method).isEqualTo("public");
            assertThat(result.path("_meta").has(MetaKeys.SERVER_INFO)).as(method).isTrue();
        }
        JsonNode call = client.callToolReply("echo", Map.of("message", "x")).result();
        assertThat(call.path("resultType").asString()).isEqualTo("complete");
        assertThat(call.path("_meta").has(MetaKeys.SERVER_INFO)).isTrue();
    }

    @Test
    void anUnsupportedVersionIsRefusedWithTheSupportedOnes() {
        Reply reply = client.request("tools/list", Map.of("_meta", Map.of(MetaKeys.PROTOCOL_VERSION, "2099-01-01")));

        assertThat(reply.errorCode()).isEqualTo(-32022);
        assertThat(reply.errorData().path("requested").asString()).isEqualTo("2099-01-01");
        assertThat(reply.errorData().path("supported").get(0).asString()).isEqualTo("2026-07-28");
    }

    @Test
    void aLegacyVersionNamedInMetaIsRefusedAsUnsupported() {
        Reply reply = client.request("tools/list", Map.of("_meta", Map.of(MetaKeys.PROTOCOL_VERSION, "2025-06-18")));
        assertThat(reply.errorCode()).isEqualTo(-32022);
    }

    @Test
    void missingClientCapabilitiesIsInvalidParams() {
        Reply reply = client.requestVerbatim("tools/list", Fixtures.JSON.readTree("""
                {"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}"""));
        assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(reply.errorMessage()).contains(MetaKeys.CLIENT_CAPABILITIES);
    }

    @Test
    void missingProtocolVersionIsInvalidParams() {
        Reply reply = client.requestVerbatim("tools/list", Fixtures.JSON.readTree("""
                {"_meta":{"io.modelcontextprotocol/clientCapabilities":{}}}"""));
        assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(reply.errorMessage()).contains(MetaKeys.PROTOCOL_VERSION);
    }

    @Test
    void aRequestWithoutAnyMetaAndNoSessionIsInvalidParams() {
        Reply reply = client.requestVerbatim("tools/list", null);
        assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(reply.errorMessage()).contains("initialize");
    }

    @Test
    void anUnknownLogLevelIsInvalidParams() {
        Reply reply = client.request("tools/list", Map.of("_meta", Map.of(MetaKeys.LOG_LEVEL, "loud")));
        assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(reply.errorMessage()).contains("loud");
    }

    @Test
    void methodsRemovedIn2026AreNotFound() {
        for (String method : new String[] {"ping", "logging/setLevel", "resources/subscribe"}) {
            assertThat(client.request(method, null).errorCode()).as(method).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
        }
        assertThat(client.request("no/such/method", null).errorCode()).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
    }

    @Test
    void aMissingResourceIsInvalidParamsWithItsUri() {
        Reply reply = client.request("resources/read", Map.of("uri", "mem://nothing"));
        assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(reply.errorData().path("uri").asString()).isEqualTo("mem://nothing");
    }

    @Test
    void resourcesAndTemplatesAreRead() {
        assertThat(client.readResource("mem://greeting").contents()).hasSize(1);
        assertThat(client.readResource("mem://users/42").contents().get(0).uri()).isEqualTo("mem://users/42");
        assertThat(client.request("resources/read", Map.of("uri", "mem://users/0")).errorCode())
                .isEqualTo(JsonRpcError.INVALID_PARAMS);
    }

    @Test
    void promptsAreRenderedAndTheirRequiredArgumentsChecked() {
        assertThat(client.getPrompt("greet", Map.of("name", "Ada")).messages()).hasSize(1);
        Reply missing = client.request("prompts/get", Map.of("name", "greet", "arguments", Map.of()));
        assertThat(missing.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
        assertThat(missing.errorMessage()).contains("name");
        assertThat(client.request("prompts/get", Map.of("name", "nope")).errorMessage()).contains("Unknown prompt");
    }

    @Test
    void structuredResultsCarryTheJsonAsTextToo() {
        McpTestClient.ToolResult result = client.callTool("add", Map.of("a", 2, "b", 3));
        assertThat(result.structured().path("sum").asDouble()).isEqualTo(5.0);
        assertThat(result.text()).isEqualTo("{\"sum\":5.0}");
    }

    @Test
    void anUnknownCursorIsInvalidParams() {
        assertThat(client.request("tools/list", Map.of("cursor", "abc")).errorCode())
                .isEqualTo(JsonRpcError.INVALID_PARAMS);
    }

    @Test
    void theSameClientMayUseAnyConnectionWithoutState() {
        // two requests, each carrying everything the server needs: no handshake, no session
        assertThat(client.callTool("echo", Map.of("message", "one")).text()).isEqualTo("one");
        try (McpTestClient other = McpTestClient.connect(new Fixtures().server())) {
            assertThat(other.callTool("echo", Map.of("message", "two")).text()).isEqualTo("two");
        }
    }
}
