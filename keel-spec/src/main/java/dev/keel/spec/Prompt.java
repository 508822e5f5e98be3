package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * A prompt template as {@code prompts/list} describes it.
 *
 * @param name the unique name
 * @param title a display name (2025-06-18 and later), or {@code null}
 * @param description what the prompt does, or {@code null}
 * @param arguments the arguments it takes, or {@code null}
 * @param icons icons (2025-11-25 and later), or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record Prompt(
        String name,
        @JsonView(Since.R2025_06_18.class) String title,
        String description,
        List<PromptArgument> arguments,
        @JsonView(Since.R2025_11_25.class) List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public Prompt {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? null : List.copyOf(arguments);
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** A prompt with a name, a description and arguments. */
    public static Prompt of(String name, String description, PromptArgument... arguments) {
        return new Prompt(name, null, description, arguments.length == 0 ? null : List.of(arguments), null, null);
    }
}
