package dev.keel.spec;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A numeric field of an elicitation form (2025-06-18 and later). The bounds are {@link Number}s so
 * that integers stay integers on the wire.
 *
 * @param type {@code "number"} or {@code "integer"}
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param minimum the least value, or {@code null}
 * @param maximum the greatest value, or {@code null}
 * @param defaultValue {@code default}: the initial value (2025-11-25 and later), or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record NumberSchema(
        String type,
        String title,
        String description,
        Number minimum,
        Number maximum,
        @JsonView(Since.R2025_11_25.class) @JsonProperty("default") Number defaultValue) implements PrimitiveSchemaDefinition {

    public NumberSchema {
        Objects.requireNonNull(type, "type");
        if (!type.equals("number") && !type.equals("integer")) {
            throw new IllegalArgumentException("a number schema has type \"number\" or \"integer\", not \"" + type + "\"");
        }
    }

    /** A field for any number. */
    public static NumberSchema number(String title, String description) {
        return new NumberSchema("number", title, description, null, null, null);
    }

    /** A field for an integer. */
    public static NumberSchema integer(String title, String description) {
        return new NumberSchema("integer", title, description, null, null, null);
    }
}
