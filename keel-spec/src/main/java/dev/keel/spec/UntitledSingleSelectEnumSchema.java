package dev.keel.spec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A field for picking one of several strings, shown as they are (2025-11-25 and later).
 *
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param values {@code enum}: the choices
 * @param defaultValue {@code default}: the initial choice, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record UntitledSingleSelectEnumSchema(
        String title,
        String description,
        @JsonProperty("enum") List<String> values,
        @JsonProperty("default") String defaultValue) implements PrimitiveSchemaDefinition {

    public UntitledSingleSelectEnumSchema {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** {@code "string"}. */
    @Override
    @JsonProperty("type")
    public String type() {
        return "string";
    }
}
