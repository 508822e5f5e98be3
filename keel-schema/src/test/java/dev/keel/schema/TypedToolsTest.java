package dev.keel.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.keel.core.McpServer;
import dev.keel.core.Tool;
import dev.keel.core.ToolError;
import dev.keel.jsonrpc.JsonRpcError;
import dev.keel.spec.CallToolResult;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import tools.jackson.databind.JsonNode;

/** Typed tools: schemas from records, arguments validated then bound, records returned as structured content. */
class TypedToolsTest {

    enum Unit {
        @JsonProperty("celsius") CELSIUS,
        @JsonProperty("fahrenheit") FAHRENHEIT
    }

    record Place(String city, @JsonPropertyDescription("ISO 3166 alpha-2") String country) {
    }

    record ForecastArgs(Place place, @JsonProperty("days_ahead") int daysAhead, Optional<Unit> unit,
            List<String> extras) {
    }

    record Forecast(String summary, double temperature, String unit) {
    }

    private static McpServer server() {
        return McpServer.builder()
                .tool(Tool.builder("forecast").description("Weather ahead")
                        .input(ForecastArgs.class).output(Forecast.class).build(),
                        call -> {
                            ForecastArgs args = call.arguments();
                            if (args.place().city().equals("Atlantis")) {
                                throw new ToolError("No forecast for Atlantis: it is under water");
                            }
                            Unit unit = args.unit().orElse(Unit.CELSIUS);
                            return new Forecast("Sunny in " + args.place().city() + " in " + args.daysAhead() + " days",
                                    unit == Unit.CELSIUS ? 21.5 : 70.7, unit.name().toLowerCase());
                        })
                .tool(Tool.builder("liar").description("Claims an output schema it does not keep")
                        .outputSchema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}")
                        .build(),
                        call -> CallToolResult.structured(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("n", "not a number")))
                .tool(Tool.builder("handwritten")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1}},"
                                + "\"required\":[\"n\"]}")
                        .build(),
                        call -> CallToolResult.text("n=" + call.arguments().get("n").asInt()))
                .build();
    }

    private static final Map<String, Object> VALID = Map.of(
            "place", Map.of("city", "Lisbon", "country", "PT"), "days_ahead", 2, "extras", List.of("wind"));

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void theGeneratedInputSchemaIsListed(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            JsonNode tool = client.request("tools/list", null).result().get("tools").get(0);
            JsonNode schema = tool.get("inputSchema");
            assertThat(schema.path("properties").propertyNames()).containsExactly("place", "days_ahead", "unit", "extras");
            assertThat(schema.path("properties").path("place").path("properties").path("country")
                    .path("description").asString()).isEqualTo("ISO 3166 alpha-2");
            assertThat(tool.has("outputSchema")).isEqualTo(version.atLeast(ProtocolVersion.V2025_06_18));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void validArgumentsAreBoundAndTheReturnedRecordBecomesStructuredContentAndText(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            McpTestClient.ToolResult result = client.callTool("forecast", VALID);

            assertThat(result.text()).isEqualTo(
                    "{\"summary\":\"Sunny in Lisbon in 2 days\",\"temperature\":21.5,\"unit\":\"celsius\"}");
            if (version.atLeast(ProtocolVersion.V2025_06_18)) {
                assertThat(result.structured().path("temperature").asDouble()).isEqualTo(21.5);
            } else {
                assertThat(result.structured()).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void invalidArgumentsNameTheFieldAndTheRuleAsTheRevisionRequires(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            Reply reply = client.callToolReply("forecast", Map.of("place", Map.of("city", "Oslo"), "days_ahead", "2",
                    "extras", List.of(), "unit", "kelvin"));

            String message;
            if (version.atLeast(ProtocolVersion.V2025_11_25)) {
                assertThat(reply.result().path("isError").asBoolean()).isTrue();
                message = reply.result().path("content").get(0).path("text").asString();
            } else {
                assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INVALID_PARAMS);
                message = reply.errorMessage();
                assertThat(reply.errorData().path("violations").size()).isEqualTo(3);
            }
            assertThat(message).startsWith("Invalid arguments for tool forecast: ")
                    .contains("place.country: is required")
                    .contains("days_ahead: string found, integer expected")
                    .contains("unit: does not have a value in the enumeration");
        }
    }

    @Test
    void unknownArgumentsOfATypedToolAreRefused() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            Map<String, Object> withExtra = new java.util.HashMap<>(VALID);
            withExtra.put("planet", "Mars");
            McpTestClient.ToolResult result = client.callTool("forecast", withExtra);
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).contains("planet");
        }
    }

    @Test
    void aToolErrorFromATypedHandlerIsAToolResultTheModelCanRead() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            Map<String, Object> atlantis = Map.of("place", Map.of("city", "Atlantis", "country", "XX"),
                    "days_ahead", 1, "extras", List.of());
            McpTestClient.ToolResult result = client.callTool("forecast", atlantis);
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).isEqualTo("No forecast for Atlantis: it is under water");
        }
    }

    @Test
    void structuredContentThatBreaksItsOutputSchemaIsAnInternalError() {
        try (McpTestClient client = McpTestClient.connect(server())) {
            Reply reply = client.callToolReply("liar", Map.of());
            assertThat(reply.errorCode()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
            assertThat(reply.errorMessage()).doesNotContain("not a number");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_06_18"})
    void handWrittenSchemasAreValidatedTheSameWay(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            assertThat(client.callTool("handwritten", Map.of("n", 3)).text()).isEqualTo("n=3");
            Reply reply = client.callToolReply("handwritten", Map.of("n", 0));
            String text = version.isModern() ? reply.result().path("content").get(0).path("text").asString()
                    : reply.errorMessage();
            assertThat(text).contains("n: must have a minimum value of 1");
        }
    }
}
