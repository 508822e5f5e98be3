package dev.keel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.jsonrpc.JsonRpcCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ElicitationTypesTest {

    private final JsonMapper mapper = JsonRpcCodec.create().mapper();

    private JsonNode write(Object value, ProtocolVersion version) {
        return mapper.readTree(mapper.writerWithView(version.view()).writeValueAsString(value));
    }

    @Test
    void eachKindOfFieldSchemaIsReadAsItsOwnTypeAndWrittenBackUnchanged() {
        Map<String, Class<? extends PrimitiveSchemaDefinition>> kinds = new LinkedHashMap<>();
        kinds.put("{\"type\":\"string\",\"minLength\":1,\"format\":\"date\",\"default\":\"2025-01-01\"}", StringSchema.class);
        kinds.put("{\"type\":\"integer\",\"minimum\":1,\"maximum\":10,\"default\":3}", NumberSchema.class);
        kinds.put("{\"type\":\"number\",\"minimum\":0.5}", NumberSchema.class);
        kinds.put("{\"type\":\"boolean\",\"default\":true}", BooleanSchema.class);
        kinds.put("{\"type\":\"string\",\"enum\":[\"a\",\"b\"],\"default\":\"a\"}", UntitledSingleSelectEnumSchema.class);
        kinds.put("{\"type\":\"string\",\"oneOf\":[{\"const\":\"a\",\"title\":\"A\"}]}", TitledSingleSelectEnumSchema.class);
        kinds.put("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"a\"]},\"maxItems\":1}",
                UntitledMultiSelectEnumSchema.class);
        kinds.put("{\"type\":\"array\",\"items\":{\"anyOf\":[{\"const\":\"a\",\"title\":\"A\"}]},\"default\":[\"a\"]}",
                TitledMultiSelectEnumSchema.class);
        kinds.put("{\"type\":\"string\",\"enum\":[\"a\",\"b\"],\"enumNames\":[\"A\",\"B\"]}", LegacyTitledEnumSchema.class);

        kinds.forEach((json, kind) -> {
            PrimitiveSchemaDefinition schema = mapper.readValue(json, PrimitiveSchemaDefinition.class);
            assertThat(schema).as(json).isInstanceOf(kind);
            assertThat((Object) write(schema, ProtocolVersion.LATEST)).as(json).isEqualTo(mapper.readTree(json));
        });
    }

    @Test
    void fieldSchemasOfOtherTypesAreRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"object\"}", PrimitiveSchemaDefinition.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("string, number, integer, boolean or array");
        assertThatThrownBy(() -> mapper.readValue("{\"title\":\"untyped\"}", PrimitiveSchemaDefinition.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("\"type\"");
    }

    @Test
    void formsAreReadFromTheirFieldSchemas() {
        ElicitRequestFormParams params = mapper.readValue("""
                {"message":"Who?","requestedSchema":{"type":"object","properties":{
                  "name":{"type":"string"},"age":{"type":"integer"},"ok":{"type":"boolean"}},"required":["name"]}}""",
                ElicitRequestFormParams.class);

        assertThat(params.requestedSchema().properties().values())
                .hasExactlyElementsOfTypes(StringSchema.class, NumberSchema.class, BooleanSchema.class);
        assertThat(params.requestedSchema().required()).containsExactly("name");
    }

    @Test
    void elicitationParamsAreToldApartByMode() {
        assertThat(mapper.readValue("{\"message\":\"m\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{}}}",
                ElicitRequestParams.class)).isInstanceOf(ElicitRequestFormParams.class);
        assertThat(mapper.readValue("{\"mode\":\"form\",\"message\":\"m\",\"requestedSchema\":{\"type\":\"object\","
                + "\"properties\":{}}}", ElicitRequestParams.class)).isInstanceOf(ElicitRequestFormParams.class);
        assertThat(mapper.readValue("{\"mode\":\"url\",\"message\":\"m\",\"url\":\"https://x\"}", ElicitRequestParams.class))
                .isInstanceOf(ElicitRequestURLParams.class);
        assertThatThrownBy(() -> mapper.readValue("{\"mode\":\"voice\",\"message\":\"m\"}", ElicitRequestParams.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("unknown elicitation mode");
    }

    @Test
    void revisionsBefore2025_11_25SeeNeitherTheFormModeNorDefaultsNorTheDialect() {
        var schema = new ElicitRequestFormParams.RequestedSchema(Map.of("name",
                new StringSchema("Name", null, null, null, null, "octocat")), null, "https://json-schema.org/draft/2020-12/schema");
        ElicitRequestFormParams params = ElicitRequestFormParams.of("Who?", schema);

        assertThat(write(params, ProtocolVersion.V2025_11_25).toString()).isEqualTo("{\"mode\":\"form\",\"message\":\"Who?\","
                + "\"requestedSchema\":{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\",\"title\":\"Name\",\"default\":\"octocat\"}}}}");
        assertThat(write(params, ProtocolVersion.V2025_06_18).toString()).isEqualTo("{\"message\":\"Who?\","
                + "\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"title\":\"Name\"}}}}");
    }

    @Test
    void urlElicitationCarriesItsLegacyIdOnlyWhenGiven() {
        ElicitRequestURLParams legacy = new ElicitRequestURLParams("Sign in", "https://x/auth", "e-1", null);

        assertThat(write(legacy, ProtocolVersion.V2025_11_25).toString())
                .isEqualTo("{\"mode\":\"url\",\"message\":\"Sign in\",\"url\":\"https://x/auth\",\"elicitationId\":\"e-1\"}");
        assertThat(write(ElicitRequest.url("Sign in", "https://x/auth"), ProtocolVersion.LATEST).toString())
                .isEqualTo("{\"method\":\"elicitation/create\",\"params\":{\"mode\":\"url\",\"message\":\"Sign in\","
                        + "\"url\":\"https://x/auth\"}}");
    }

    @Test
    void elicitedValuesAreStringsNumbersBooleansOrStringArrays() {
        ElicitResult result = mapper.readValue(
                "{\"action\":\"accept\",\"content\":{\"s\":\"x\",\"n\":30,\"b\":true,\"a\":[\"p\",\"q\"]}}", ElicitResult.class);

        assertThat(result.accepted()).isTrue();
        assertThat(result.content()).containsEntry("n", 30).containsEntry("a", List.of("p", "q"));
        assertThatThrownBy(() -> ElicitResult.accept(Map.of("nested", Map.of("x", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested");
        assertThat(write(ElicitResult.decline(), ProtocolVersion.LATEST).toString()).isEqualTo("{\"action\":\"decline\"}");
    }
}
