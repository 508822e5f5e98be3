package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One message of a sampling conversation.
 *
 * <p>{@code content} is one block, or (2025-11-25 and later, for tool use) an array of blocks; Keel
 * exposes a list either way. A list of exactly one block is written as that block, the only form
 * earlier revisions accept, any other list as an array, and a list read from JSON in the form it was
 * read. A user message that carries {@code tool_result} blocks must carry nothing else.
 *
 * @param role who says it
 * @param content what is said
 * @param meta {@code _meta} (2025-11-25 and later), or {@code null}
 */
public record SamplingMessage(
        Role role,
        @JsonSerialize(using = SamplingContents.Serializer.class)
        @JsonDeserialize(using = SamplingContents.Deserializer.class) List<SamplingContent> content,
        @JsonView(Since.R2025_11_25.class) @JsonProperty("_meta") Map<String, Object> meta) {

    public SamplingMessage {
        Objects.requireNonNull(role, "role");
        content = SamplingContents.copyOf(Objects.requireNonNull(content, "content"));
        boolean results = content.stream().anyMatch(ToolResultContent.class::isInstance);
        if (results && (role != Role.USER || !content.stream().allMatch(ToolResultContent.class::isInstance))) {
            throw new IllegalArgumentException("a sampling message with tool results must be a user message of"
                    + " tool results only");
        }
    }

    /** A message of {@code content} blocks. */
    public static SamplingMessage of(Role role, SamplingContent... content) {
        return new SamplingMessage(role, List.of(content), null);
    }

    /** A user message of plain text. */
    public static SamplingMessage user(String text) {
        return of(Role.USER, TextContent.of(text));
    }
}
