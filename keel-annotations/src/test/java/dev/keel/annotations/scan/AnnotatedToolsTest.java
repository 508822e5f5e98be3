package dev.keel.annotations.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.keel.annotations.Arg;
import dev.keel.annotations.Tool;
import dev.keel.core.CallContext;
import dev.keel.core.McpException;
import dev.keel.core.McpServer;
import dev.keel.core.RequestContext;
import dev.keel.core.ToolCall;
import dev.keel.core.ToolError;
import dev.keel.spec.BooleanSchema;
import dev.keel.spec.ElicitRequestFormParams;
import dev.keel.spec.ElicitResult;
import dev.keel.spec.ImageContent;
import dev.keel.spec.ProtocolVersion;
import dev.keel.testkit.McpTestClient;
import dev.keel.testkit.Reply;
import tools.jackson.databind.JsonNode;

/** {@code @Tool} methods: schemas from their parameter and return types, arguments bound by name, in every revision. */
class AnnotatedToolsTest {

    enum Unit {
        @JsonProperty("celsius") CELSIUS,
        @JsonProperty("fahrenheit") FAHRENHEIT
    }

    record Place(String city, @JsonPropertyDescription("ISO 3166 alpha-2") String country) {
    }

    record Weather(String city, int days, String summary, double temperature, Unit unit) {
    }

    static final class WeatherTools {
        @Tool(description = "The weather ahead in a place", readOnly = true, openWorld = false)
        Weather forecast(Place place, @Arg(description = "Days ahead", defaultValue = "1") int days,
                Optional<Unit> unit) {
            if (place.city().equals("Atlantis")) {
                throw new ToolError("No forecast for Atlantis: it is under water");
            }
            Unit chosen = unit.orElse(Unit.CELSIUS);
            return new Weather(place.city(), days, "Sunny", chosen == Unit.CELSIUS ? 21.5 : 70.7, chosen);
        }

        @Tool(name = "compare", title = "Compare places", idempotent = true)
        List<Weather> compareAll(@Arg(description = "The places to compare") List<Place> places, Map<String, Integer> daysByCity) {
            return places.stream().map(p -> forecast(p, daysByCity.getOrDefault(p.city(), 1), Optional.empty())).toList();
        }

        @Tool(description = "Says hello")
        String greet(@Arg(name = "who", required = false) String name) {
            return "Hello, " + (name == null ? "world" : name) + "!";
        }

        @Tool
        void forget() {
        }

        @Tool
        String scalars(long big, boolean flag, Integer boxed, double ratio) {
            return big + " " + flag + " " + boxed + " " + ratio;
        }

        @Tool
        ImageContent pixel() {
            return ImageContent.of("iVBORw0KGgo=", "image/png");
        }

        @Tool
        String revision(ToolCall<?> call, RequestContext context, CallContext callContext) {
            return call.protocolVersion().id() + " " + context.protocolVersion().id() + " "
                    + callContext.protocolVersion().id();
        }

        @Tool
        String refuse() {
            throw McpException.invalidParams("refused on purpose");
        }

        @Tool
        String crash() {
            throw new IllegalStateException("a bug with a secret in it");
        }

        @Tool
        String nothing() {
            return null;
        }

        @Tool(timeout = "200ms")
        String sleepy() throws InterruptedException {
            Thread.sleep(60_000);
            return "awake";
        }

        @Tool
        String confirm(String question, RequestContext call) throws InterruptedException {
            ElicitResult answer = call.elicit(question, ElicitRequestFormParams.RequestedSchema.of(
                    Map.of("ok", BooleanSchema.of("Confirm", question)), "ok"));
            return Boolean.TRUE.equals(answer.content().get("ok")) ? "confirmed" : "declined";
        }

        static int helper() {
            return 0;
        }
    }

    private static McpServer server() {
        return McpServer.builder().register(new WeatherTools()).build();
    }

    private static JsonNode tool(McpTestClient client, String name) {
        for (JsonNode tool : client.request("tools/list", null).result().get("tools")) {
            if (tool.path("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void aToolWithARecordParameterAndARecordResultIsListedWithGeneratedSchemasAndAnswers(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            JsonNode forecast = tool(client, "forecast");
            assertThat(forecast.path("description").asString()).isEqualTo("The weather ahead in a place");
            JsonNode input = forecast.path("inputSchema");
            assertThat(input.path("type").asString()).isEqualTo("object");
            assertThat(input.path("properties").propertyNames()).containsExactly("place", "days", "unit");
            assertThat(input.path("required").toString()).isEqualTo("[\"place\"]");
            assertThat(input.path("properties").path("place").path("properties").path("country").path("description")
                    .asString()).isEqualTo("ISO 3166 alpha-2");
            assertThat(input.path("properties").path("days").toString())
                    .isEqualTo("{\"type\":\"integer\",\"description\":\"Days ahead\",\"default\":1}");
            assertThat(input.path("properties").path("unit").path("enum").toString())
                    .isEqualTo("[\"celsius\",\"fahrenheit\"]");
            if (version.atLeast(ProtocolVersion.V2025_06_18)) {
                assertThat(forecast.path("outputSchema").path("properties").propertyNames())
                        .containsExactly("city", "days", "summary", "temperature", "unit");
            } else {
                assertThat(forecast.has("outputSchema")).isFalse();
            }
            if (version.atLeast(ProtocolVersion.V2025_03_26)) {
                assertThat(forecast.path("annotations").toString())
                        .isEqualTo("{\"readOnlyHint\":true,\"openWorldHint\":false}");
            }

            McpTestClient.ToolResult result = client.callTool("forecast",
                    Map.of("place", Map.of("city", "Oslo", "country", "NO"), "days", 3, "unit", "fahrenheit"));
            String expected = "{\"city\":\"Oslo\",\"days\":3,\"summary\":\"Sunny\",\"temperature\":70.7,"
                    + "\"unit\":\"fahrenheit\"}";
            assertThat(result.text()).isEqualTo(expected);
            if (version.atLeast(ProtocolVersion.V2025_06_18)) {
                assertThat(result.structured().toString()).isEqualTo(expected);
            }
            // the default and the empty Optional
            assertThat(client.callTool("forecast", Map.of("place", Map.of("city", "Oslo", "country", "NO"))).text())
                    .isEqualTo("{\"city\":\"Oslo\",\"days\":1,\"summary\":\"Sunny\",\"temperature\":21.5,\"unit\":\"celsius\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25", "V2025_06_18"})
    void genericParameterAndReturnTypesAreDescribedAndBound(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            JsonNode compare = tool(client, "compare");
            assertThat(compare.path("title").asString()).isEqualTo("Compare places");
            assertThat(compare.path("annotations").toString()).isEqualTo("{\"idempotentHint\":true}");
            assertThat(compare.path("inputSchema").path("properties").path("places").path("type").asString())
                    .isEqualTo("array");
            assertThat(compare.path("inputSchema").path("properties").path("daysByCity").path("type").asString())
                    .isEqualTo("object");
            // an array output schema is for 2026-07-28 only; legacy revisions require an object
            assertThat(compare.has("outputSchema")).isEqualTo(version.isModern());

            McpTestClient.ToolResult result = client.callTool("compare", Map.of(
                    "places", List.of(Map.of("city", "Oslo", "country", "NO"), Map.of("city", "Rome", "country", "IT")),
                    "daysByCity", Map.of("Rome", 2)));
            assertThat(result.text()).startsWith("[{\"city\":\"Oslo\",\"days\":1,").contains("{\"city\":\"Rome\",\"days\":2,");
            assertThat(result.structured() != null).isEqualTo(version.isModern());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2024_11_05"})
    void contentResultsNamedArgumentsAndTheCallObject(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.connect(server(), version)) {
            assertThat(client.callTool("greet", Map.of("who", "Ada")).text()).isEqualTo("Hello, Ada!");
            assertThat(client.callTool("greet", Map.of()).text()).isEqualTo("Hello, world!");
            assertThat(tool(client, "greet").path("inputSchema").path("properties").propertyNames()).containsExactly("who");
            assertThat(tool(client, "greet").has("outputSchema")).isFalse();
            assertThat(client.callTool("forget", Map.of()).result().content()).isEmpty();
            assertThat(client.callTool("pixel", Map.of()).result().content()).singleElement()
                    .isInstanceOf(ImageContent.class);
            assertThat(client.callTool("revision", Map.of()).text())
                    .isEqualTo(version.id() + " " + version.id() + " " + version.id());
        }
    }

    @Test
    void scalarsBindAsJacksonBindsThem() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2026_07_28)) {
            assertThat(client.callTool("scalars", Map.of("big", 9_007_199_254_740_993L, "flag", true, "boxed", 7,
                    "ratio", 2)).text()).isEqualTo("9007199254740993 true 7 2.0");
            McpTestClient.ToolResult tooBig = client.callTool("scalars", Map.of("big", new java.math.BigInteger(
                    "9223372036854775808"), "flag", false, "boxed", 1, "ratio", 0.5));
            assertThat(tooBig.isError()).isTrue();
            assertThat(tooBig.text()).startsWith("Invalid arguments for tool scalars: the arguments do not match the"
                    + " tool's input type: big: Numeric value (9223372036854775808) out of range");
        }
    }

    @Test
    void argumentsThatBreakTheSchemaAreToldToTheModelAndTheMethodDoesNotRun() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2026_07_28)) {
            McpTestClient.ToolResult missing = client.callTool("forecast", Map.of("days", 2));
            assertThat(missing.isError()).isTrue();
            assertThat(missing.text()).contains("place: is required");
            McpTestClient.ToolResult extra = client.callTool("greet", Map.of("name", "Ada"));
            assertThat(extra.isError()).isTrue();
            assertThat(extra.text()).contains("name");
        }
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2025_06_18)) {
            Reply refused = client.callToolReply("forecast", Map.of("place", Map.of("city", "Oslo")));
            assertThat(refused.errorCode()).isEqualTo(-32602);
            assertThat(refused.errorMessage()).contains("place.country: is required");
        }
    }

    @Test
    void whatTheMethodThrowsIsAnsweredAsFromAnyHandler() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2026_07_28)) {
            McpTestClient.ToolResult underWater = client.callTool("forecast",
                    Map.of("place", Map.of("city", "Atlantis", "country", "XX")));
            assertThat(underWater.isError()).isTrue();
            assertThat(underWater.text()).isEqualTo("No forecast for Atlantis: it is under water");

            Reply refused = client.callToolReply("refuse", Map.of());
            assertThat(refused.errorCode()).isEqualTo(-32602);
            assertThat(refused.errorMessage()).isEqualTo("refused on purpose");

            Reply crashed = client.callToolReply("crash", Map.of());
            assertThat(crashed.errorCode()).isEqualTo(-32603);
            assertThat(crashed.errorMessage()).doesNotContain("secret");

            Reply nothing = client.callToolReply("nothing", Map.of());
            assertThat(nothing.errorCode()).isEqualTo(-32603);
        }
    }

    @Test
    void aTimeoutStopsTheMethodAndTellsTheClient() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2026_07_28)) {
            McpTestClient.ToolResult result = client.callTool("sleepy", Map.of());
            assertThat(result.isError()).isTrue();
            assertThat(result.text()).isEqualTo("Tool 'sleepy' did not finish within 200 ms and was stopped");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V2026_07_28", "V2025_11_25"})
    void theCallObjectAsksTheUserInEitherEra(ProtocolVersion version) {
        try (McpTestClient client = McpTestClient.builder().version(version)
                .onElicitation(params -> ElicitResult.accept(Map.of("ok", true))).connect(server())) {
            assertThat(client.callTool("confirm", Map.of("question", "Deploy?")).text()).isEqualTo("confirmed");
        }
    }

    @Test
    void staticAndUnannotatedMethodsAreNotTools() {
        try (McpTestClient client = McpTestClient.connect(server(), ProtocolVersion.V2026_07_28)) {
            assertThat(client.listTools().tools()).extracting(dev.keel.spec.Tool::name).containsExactly("compare",
                    "confirm", "crash", "forecast", "forget", "greet", "nothing", "pixel", "refuse", "revision",
                    "scalars", "sleepy");
        }
    }

    @Test
    void aServerRunningAlreadyTakesAnObjectsToolsAndRefusesItTwice() {
        try (McpServer server = McpServer.builder().build();
                McpTestClient client = McpTestClient.connect(server, ProtocolVersion.V2026_07_28)) {
            server.register(new WeatherTools());
            assertThat(client.callTool("greet", Map.of("who", "Grace")).text()).isEqualTo("Hello, Grace!");
            assertThatThrownBy(() -> server.register(new WeatherTools()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("WeatherTools.compareAll(List, Map): cannot add its tool compare");
            assertThat(server.tools()).hasSize(12);
        }
    }
}
