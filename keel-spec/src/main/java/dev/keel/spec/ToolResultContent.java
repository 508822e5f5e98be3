package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * The result of a tool use, inside a sampling message (2025-11-25 and later).
 *
 * @param toolUseId the id of the {@link ToolUseContent} this answers
 * @param content the result content
 * @param structuredContent structured result, or {@code null}
 * @param isError whether the tool failed, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record ToolResultContent(String toolUseId, List<ContentBlock> content, JsonNode structuredContent,
        Boolean isError, @JsonProperty("_meta") Map<String, Object> meta) implements SamplingContent {

    public ToolResultContent {
        Objects.requireNonNull(toolUseId, "toolUseId");
        content = List.copyOf(Objects.requireNonNull(content, "content"));
    }
}
