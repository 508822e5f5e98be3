package dev.keel.spec;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonView;

/**
 * An argument of a prompt.
 *
 * @param name the argument name
 * @param title a display name (2025-06-18 and later), or {@code null}
 * @param description what it means, or {@code null}
 * @param required whether it must be given, or {@code null} (not required)
 */
public record PromptArgument(String name, @JsonView(Since.R2025_06_18.class) String title, String description,
        Boolean required) {

    public PromptArgument {
        Objects.requireNonNull(name, "name");
    }

    /** A required argument. */
    public static PromptArgument required(String name, String description) {
        return new PromptArgument(name, null, description, true);
    }

    /** An optional argument. */
    public static PromptArgument optional(String name, String description) {
        return new PromptArgument(name, null, description, null);
    }
}
