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
}
