package dev.keel.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.keel.core.spi.SchemaSupport;
import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemasTest {

    private static final JsonMapper JSON = JsonRpcCodec.create().mapper();
    private final JsonSchemas schemas = new JsonSchemas();

    enum Unit {
        @JsonProperty("celsius") CELSIUS,
        @JsonProperty("fahrenheit") FAHRENHEIT
    }

    record Location(String city, @JsonPropertyDescription("ISO 3166 code") String country) {
    }

    @JsonClassDescription("What to forecast")
    record Forecast(@JsonPropertyDescription("Where") Location location,
            @JsonProperty("days_ahead") int daysAhead,
            Optional<Unit> unit,
            List<String> extras) {
    }

    private JsonNode generate(Class<?> type) {
        return schemas.generate(type);
    }

    @Test
    void recordsBecomeObjectSchemasWithRequiredPropertiesAndDescriptions() {
        JsonNode schema = generate(Forecast.class);

        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("description").asString()).isEqualTo("What to forecast");
        assertThat(schema.path("properties").propertyNames()).containsExactly("location", "days_ahead", "unit", "extras");
        assertThat(schema.path("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("location", "days_ahead", "extras");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode location = schema.path("properties").path("location");
        assertThat(location.path("description").asString()).isEqualTo("Where");
        assertThat(location.path("properties").path("country").path("description").asString()).isEqualTo("ISO 3166 code");
        assertThat(schema.path("properties").path("unit").path("enum").toString()).isEqualTo("[\"celsius\",\"fahrenheit\"]");
        assertThat(schema.path("properties").path("extras").path("type").asString()).isEqualTo("array");
        assertThat(schema.has("$schema")).isFalse();
    }

    @Test
    void validArgumentsPassAndInvalidOnesNameTheFieldAndTheRule() {
        SchemaSupport.Validator validator = schemas.compile(generate(Forecast.class));

        assertThat(validator.validate(JSON.readTree("""
                {"location":{"city":"Oslo","country":"NO"},"days_ahead":2,"extras":[]}"""))).isEmpty();

        List<SchemaSupport.Violation> missing = validator.validate(JSON.readTree("""
                {"location":{"city":"Oslo","country":"NO"},"extras":[]}"""));
        assertThat(missing).singleElement().satisfies(v -> {
            assertThat(v.keyword()).isEqualTo("required");
            assertThat(v.message()).contains("days_ahead");
        });

        List<SchemaSupport.Violation> wrongType = validator.validate(JSON.readTree("""
                {"location":{"city":"Oslo","country":"NO"},"days_ahead":"two","extras":[],"unit":"kelvin"}"""));
        assertThat(wrongType).extracting(SchemaSupport.Violation::keyword).containsExactlyInAnyOrder("type", "enum");
        assertThat(wrongType).anyMatch(v -> v.message().startsWith("days_ahead:"));
        assertThat(wrongType).anyMatch(v -> v.message().startsWith("unit:"));
    }

    record Described(@JsonPropertyDescription("Why") Optional<String> reason) {
    }

    @Test
    void anOptionalWithADescriptionIsItsTypeWithThatDescription() {
        assertThat(generate(Described.class).path("properties").path("reason").toString())
                .isEqualTo("{\"type\":\"string\",\"description\":\"Why\"}");
    }

    @Test
    void unknownPropertiesOfARecordAreRefused() {
        SchemaSupport.Validator validator = schemas.compile(generate(Location.class));
        assertThat(validator.validate(JSON.readTree("{\"city\":\"a\",\"country\":\"b\",\"planet\":\"c\"}")))
                .singleElement().extracting(SchemaSupport.Violation::keyword).isEqualTo("additionalProperties");
    }

    @Test
    void draft07SchemasAreValidatedInTheirOwnDialect() {
        SchemaSupport.Validator validator = schemas.compile(JSON.readTree("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"a":{"type":"number"}},"required":["a"]}"""));
        assertThat(validator.validate(JSON.readTree("{\"a\":1}"))).isEmpty();
        assertThat(validator.validate(JSON.readTree("{}"))).hasSize(1);
    }

    @Test
    void anUnsupportedDialectIsRefusedWithAnErrorSayingSo() {
        assertThatThrownBy(() -> schemas.compile(JSON.readTree("""
                {"$schema":"https://example.com/my-dialect","type":"object"}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be used");
    }

    @Test
    void networkReferencesAreNeverFetched() {
        assertThatThrownBy(() -> schemas.compile(JSON.readTree("""
                {"type":"object","properties":{"a":{"$ref":"https://example.com/schemas/a.json"}}}""")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void localReferencesResolve() {
        SchemaSupport.Validator validator = schemas.compile(JSON.readTree("""
                {"type":"object","$defs":{"n":{"type":"integer"}},"properties":{"a":{"$ref":"#/$defs/n"}}}"""));
        assertThat(validator.validate(JSON.readTree("{\"a\":1}"))).isEmpty();
        assertThat(validator.validate(JSON.readTree("{\"a\":\"x\"}"))).hasSize(1);
    }

    @Test
    void theServiceLoaderFindsThisImplementation() {
        assertThat(SchemaSupport.installed()).containsInstanceOf(JsonSchemas.class);
    }

    /** A method's parameters, as the annotation module describes them. */
    @SuppressWarnings("unused")
    private static void forecastParameters(Location from, Location to, Optional<Integer> days, List<Unit> units) {
    }

    @Test
    void anObjectOfTypedPropertiesDefinesASharedTypeOnceAndInlinesTheRest() throws Exception {
        java.lang.reflect.Type[] types = JsonSchemasTest.class
                .getDeclaredMethod("forecastParameters", Location.class, Location.class, Optional.class, List.class)
                .getGenericParameterTypes();
        JsonNode schema = schemas.generateObject(List.of(
                new SchemaSupport.Property("from", types[0], "Where the trip starts", true),
                new SchemaSupport.Property("to", types[1], null, true),
                new SchemaSupport.Property("days", types[2], "How many days", false),
                new SchemaSupport.Property("units", types[3], null, true)));

        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("properties").propertyNames()).containsExactly("from", "to", "days", "units");
        assertThat(schema.path("required").toString()).isEqualTo("[\"from\",\"to\",\"units\"]");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        // Location is used twice: defined once, referred to from both properties
        assertThat(schema.path("$defs").path("Location").path("properties").propertyNames()).contains("city", "country");
        assertThat(schema.path("properties").path("from").path("$ref").asString()).isEqualTo("#/$defs/Location");
        assertThat(schema.path("properties").path("from").path("description").asString()).isEqualTo("Where the trip starts");
        assertThat(schema.path("properties").path("to").path("$ref").asString()).isEqualTo("#/$defs/Location");
        // an Optional is its value's schema, never nullable
        assertThat(schema.path("properties").path("days").toString())
                .isEqualTo("{\"type\":\"integer\",\"description\":\"How many days\"}");
        assertThat(schema.path("properties").path("units").path("items").path("enum").toString())
                .isEqualTo("[\"celsius\",\"fahrenheit\"]");

        SchemaSupport.Validator validator = schemas.compile(schema);
        assertThat(validator.validate(JSON.readTree("""
                {"from":{"city":"Oslo","country":"NO"},"to":{"city":"Bergen","country":"NO"},"units":["celsius"]}""")))
                .isEmpty();
        assertThat(validator.validate(JSON.readTree("""
                {"from":{"city":"Oslo","country":"NO"},"units":[],"extra":1}""")))
                .extracting(SchemaSupport.Violation::keyword).contains("required", "additionalProperties");
    }

    record Tally(java.util.Map<String, Integer> countsByCity) {
    }

    @Test
    void aMapIsAnObjectWhoseValuesHaveTheValueTypesSchema() {
        JsonNode schema = generate(Tally.class);
        assertThat(schema.path("properties").path("countsByCity").toString())
                .isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
        SchemaSupport.Validator validator = schemas.compile(schema);
        assertThat(validator.validate(JSON.readTree("{\"countsByCity\":{\"Oslo\":2,\"Rome\":3}}"))).isEmpty();
        assertThat(validator.validate(JSON.readTree("{\"countsByCity\":{\"Oslo\":\"two\"}}"))).isNotEmpty();
    }
}
