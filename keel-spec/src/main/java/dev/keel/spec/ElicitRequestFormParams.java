package dev.keel.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Form-mode elicitation (2025-06-18 and later): the client renders a form for a flat object schema
 * and returns what the user entered. Never ask for secrets this way; use URL mode.
 *
 * @param mode {@code "form"} (2025-11-25 and later), or {@code null}: the mode is form either way
 * @param message what to tell the user
 * @param requestedSchema the shape of the answer
 * @param meta {@code _meta}, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ElicitRequestFormParams(
        @JsonView(Since.R2025_11_25.class) String mode,
        String message,
        RequestedSchema requestedSchema,
        @JsonProperty("_meta") Map<String, Object> meta) implements ElicitRequestParams {

    public ElicitRequestFormParams {
        if (mode != null && !mode.equals("form")) {
            throw new IllegalArgumentException("the mode of form elicitation parameters must be \"form\", was " + mode);
        }
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestedSchema, "requestedSchema");
    }

    /** Form parameters with {@code mode: "form"}, which revisions before 2025-11-25 do not see. */
    public static ElicitRequestFormParams of(String message, RequestedSchema requestedSchema) {
        return new ElicitRequestFormParams("form", message, requestedSchema, null);
    }

    /**
     * The schema of a form: {@code type: "object"} with primitive properties only, no nesting.
     *
     * @param properties the fields, by name
     * @param required the names of the fields the user must fill in, or {@code null}
     * @param schema {@code $schema}: the JSON Schema dialect (2025-11-25 and later), or {@code null}
     */
    @JsonPropertyOrder({"$schema", "type", "properties", "required"})
    @JsonIgnoreProperties(value = "type", allowGetters = true)
    public record RequestedSchema(
            Map<String, PrimitiveSchemaDefinition> properties,
            List<String> required,
            @JsonView(Since.R2025_11_25.class) @JsonProperty("$schema") String schema) {

        public RequestedSchema {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
            required = required == null ? null : List.copyOf(required);
        }

        /** A schema of {@code properties}, of which {@code required} must be filled in. */
        public static RequestedSchema of(Map<String, PrimitiveSchemaDefinition> properties, String... required) {
            return new RequestedSchema(properties, required.length == 0 ? null : List.of(required), null);
        }

        /** {@code "object"}. */
        @JsonProperty("type")
        public String type() {
            return "object";
        }
    }
}
