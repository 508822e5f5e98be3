package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model's request to use a tool, inside a sampling message (2025-11-25 and later).
 *
 * @param id the id that the matching {@link ToolResultContent} answers
 * @param name the tool name
 * @param input the tool arguments
 * @param meta {@code _meta}, or {@code null}
 */
public record ToolUseContent(String id, String name, Map<String, Object> input,
        @JsonProperty("_meta") Map<String, Object> meta) implements SamplingContent {

    public ToolUseContent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
    }
}
