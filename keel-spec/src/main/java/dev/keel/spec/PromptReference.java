package dev.keel.spec;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonView;

/**
 * A reference to a prompt, {@code type: "ref/prompt"}.
 *
 * @param name the prompt's name
 * @param title a display name (2025-06-18 and later), or {@code null}
 */
public record PromptReference(String name, @JsonView(Since.R2025_06_18.class) String title)
        implements CompletionReference {

    public PromptReference {
        Objects.requireNonNull(name, "name");
    }
}
