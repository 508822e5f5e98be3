package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Content of a sampling message, told apart by its {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TextContent.class, name = "text"),
    @JsonSubTypes.Type(value = ImageContent.class, name = "image"),
    @JsonSubTypes.Type(value = AudioContent.class, name = "audio"),
    @JsonSubTypes.Type(value = ToolUseContent.class, name = "tool_use"),
    @JsonSubTypes.Type(value = ToolResultContent.class, name = "tool_result")
})
public sealed interface SamplingContent permits TextContent, ImageContent, AudioContent, ToolUseContent,
        ToolResultContent {
}
