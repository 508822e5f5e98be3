package dev.keel.spec;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One choice of a titled enum field ({@link TitledSingleSelectEnumSchema},
 * {@link TitledMultiSelectEnumSchema}): {@code {"const": value, "title": title}}.
 *
 * @param value {@code const}: the value the client returns when the user picks it
 * @param title what the user sees
 */
public record EnumOption(@JsonProperty("const") String value, String title) {

    public EnumOption {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(title, "title");
    }
}
