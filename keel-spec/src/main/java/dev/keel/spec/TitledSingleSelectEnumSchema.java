package dev.keel.spec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A field for picking one of several strings, each shown by its title (2025-11-25 and later).
 *
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param oneOf the choices
 * @param defaultValue {@code default}: the value of the initial choice, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record TitledSingleSelectEnumSchema(
        String title,
        String description,
        List<EnumOption> oneOf,
        @JsonProperty("default") String defaultValue) implements PrimitiveSchemaDefinition {

    public TitledSingleSelectEnumSchema {
        oneOf = List.copyOf(Objects.requireNonNull(oneOf, "oneOf"));
    }

    /** {@code "string"}. */
    @Override
    @JsonProperty("type")
    public String type() {
        return "string";
    }
}
