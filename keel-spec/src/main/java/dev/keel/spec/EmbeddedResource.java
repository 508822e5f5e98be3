package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The contents of a resource, embedded in a result or a prompt.
 *
 * @param resource the contents
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record EmbeddedResource(ResourceContents resource, Annotations annotations,
        @JsonProperty("_meta") Map<String, Object> meta) implements ContentBlock {

    public EmbeddedResource {
        Objects.requireNonNull(resource, "resource");
    }

    /** Embeds {@code contents}. */
    public static EmbeddedResource of(ResourceContents contents) {
        return new EmbeddedResource(contents, null, null);
    }
}
