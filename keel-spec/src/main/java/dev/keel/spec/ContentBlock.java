package dev.keel.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Content of a tool result or a prompt message, told apart by its {@code type}.
 *
 * <p>Not every revision knows every block: audio arrived in 2025-03-26 and resource links in
 * 2025-06-18; {@link #availableIn(ProtocolVersion)} says whether a block may be sent.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TextContent.class, name = "text"),
    @JsonSubTypes.Type(value = ImageContent.class, name = "image"),
    @JsonSubTypes.Type(value = AudioContent.class, name = "audio"),
    @JsonSubTypes.Type(value = ResourceLink.class, name = "resource_link"),
    @JsonSubTypes.Type(value = EmbeddedResource.class, name = "resource")
})
public sealed interface ContentBlock permits TextContent, ImageContent, AudioContent, ResourceLink, EmbeddedResource {

    /** Whether a client of {@code version} knows this kind of block. */
    default boolean availableIn(ProtocolVersion version) {
        return true;
    }
}
