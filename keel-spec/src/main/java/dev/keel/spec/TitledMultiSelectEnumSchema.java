package dev.keel.spec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A field for picking any number of several strings, each shown by its title (2025-11-25 and later).
 *
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param minItems the fewest picks, or {@code null}
 * @param maxItems the most picks, or {@code null}
 * @param items the choices
 * @param defaultValue {@code default}: the values of the initial picks, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record TitledMultiSelectEnumSchema(
        String title,
        String description,
        Integer minItems,
        Integer maxItems,
        Items items,
        @JsonProperty("default") List<String> defaultValue) implements PrimitiveSchemaDefinition {

    public TitledMultiSelectEnumSchema {
        Objects.requireNonNull(items, "items");
        defaultValue = defaultValue == null ? null : List.copyOf(defaultValue);
    }

    /** {@code "array"}. */
    @Override
    @JsonProperty("type")
    public String type() {
        return "array";
    }

    /**
     * The item schema: {@code {"anyOf": choices}}.
     *
     * @param anyOf the choices
     */
    public record Items(List<EnumOption> anyOf) {

        public Items {
            anyOf = List.copyOf(Objects.requireNonNull(anyOf, "anyOf"));
        }
    }
}
