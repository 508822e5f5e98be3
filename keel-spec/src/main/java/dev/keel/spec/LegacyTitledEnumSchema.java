package dev.keel.spec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A field for picking one of several strings, titled by the non-standard {@code enumNames}: the
 * {@code EnumSchema} of 2025-06-18, kept for compatibility and deprecated since 2025-11-25 in favour
 * of {@link TitledSingleSelectEnumSchema}.
 *
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param values {@code enum}: the choices
 * @param enumNames a display name per choice, in the same order, or {@code null}
 * @param defaultValue {@code default}: the initial choice (2025-11-25 and later), or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public record LegacyTitledEnumSchema(
        String title,
        String description,
        @JsonProperty("enum") List<String> values,
        List<String> enumNames,
        @JsonView(Since.R2025_11_25.class) @JsonProperty("default") String defaultValue)
        implements PrimitiveSchemaDefinition {

    public LegacyTitledEnumSchema {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        enumNames = enumNames == null ? null : List.copyOf(enumNames);
    }

    /** {@code "string"}. */
    @Override
    @JsonProperty("type")
    public String type() {
        return "string";
    }
}
