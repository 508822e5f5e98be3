package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A yes/no field of an elicitation form (2025-06-18 and later).
 *
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param defaultValue {@code default}: the initial value, or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record BooleanSchema(String title, String description, @JsonProperty("default") Boolean defaultValue)
        implements PrimitiveSchemaDefinition {

    /** A yes/no field with a title and a description (either may be {@code null}). */
    public static BooleanSchema of(String title, String description) {
        return new BooleanSchema(title, description, null);
    }

    /** {@code "boolean"}. */
    @Override
    @JsonProperty("type")
    public String type() {
        return "boolean";
    }
}
