package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A text field of an elicitation form (2025-06-18 and later).
 *
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param minLength the least number of characters, or {@code null}
 * @param maxLength the most characters, or {@code null}
 * @param format the format the text must have, or {@code null}
 * @param defaultValue {@code default}: the initial value (2025-11-25 and later), or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record StringSchema(
        String title,
        String description,
        Integer minLength,
        Integer maxLength,
        Format format,
        @JsonView(Since.R2025_11_25.class) @JsonProperty("default") String defaultValue) implements PrimitiveSchemaDefinition {

    /** A text field with a title and a description (either may be {@code null}). */
    public static StringSchema of(String title, String description) {
        return new StringSchema(title, description, null, null, null, null);
    }

    /** {@code "string"}. */
    @Override
    @JsonProperty("type")
    public String type() {
        return "string";
    }

    /** The formats a text field may require. */
    public enum Format {
        @JsonProperty("email")
        EMAIL,
        @JsonProperty("uri")
        URI,
        @JsonProperty("date")
        DATE,
        @JsonProperty("date-time")
        DATE_TIME
    }
}
