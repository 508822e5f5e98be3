package dev.keel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any header value is read or refused with {@code -32020} HeaderMismatch ({@link HeaderChecks#decode}),
 * and any text sent as a Base64 sentinel reads back as itself. Any input schema yields the header
 * parameters of a tool or an {@link IllegalArgumentException} naming the broken rule
 * ({@link ParamHeaders#of}), never another exception; the same for any {@code x-mcp-header} value.
 */
class HeaderValuesFuzzTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"=?base64?", "?=", "{\"properties\":{", "\"x-mcp-header\":", "\"type\":\"integer\"",
            "\"type\":\"string\"", "\"type\":\"boolean\"", "\"maximum\":", "\"minimum\":", "9007199254740992"})
    void headerValuesAndHeaderAnnotationsAreReadOrRefusedByName(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);

        try {
            String value = HeaderChecks.decode(text, "Mcp-Name");
            assertThat(value).isNotNull();
        } catch (McpException e) {
            assertThat(e.code()).isEqualTo(McpException.HEADER_MISMATCH);
            assertThat(e.getMessage()).contains("Mcp-Name");
        }
        String sentinel = "=?base64?" + Base64.getEncoder().encodeToString(input) + "?=";
        if (Arrays.equals(text.getBytes(StandardCharsets.UTF_8), input)) {  // the input is UTF-8 text
            assertThat(HeaderChecks.decode(sentinel, "Mcp-Name")).isEqualTo(text);
        }

        ObjectNode property = JsonNodeFactory.instance.objectNode().put("type", "string").put("x-mcp-header", text);
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.putObject("properties").set("a", property);
        headerParameters(schema);
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(input);
        } catch (JacksonException e) {
            return;
        }
        if (parsed != null) {
            headerParameters(parsed);
        }
    }

    private static void headerParameters(JsonNode schema) {
        try {
            Map<String, String> headers = ParamHeaders.of(schema);
            headers.forEach((header, argument) -> {
                assertThat(header).matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
                assertThat(schema.path("properties").path(argument).path("x-mcp-header").asString()).isEqualTo(header);
            });
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("x-mcp-header");
        }
    }
}
