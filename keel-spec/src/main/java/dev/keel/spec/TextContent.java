package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Text content.
 *
 * @param text the text
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record TextContent(String text, Annotations annotations, @JsonProperty("_meta") Map<String, Object> meta)
        implements ContentBlock, SamplingContent {

    public TextContent {
        Objects.requireNonNull(text, "text");
    }

    /** Plain text. */
    public static TextContent of(String text) {
        return new TextContent(text, null, null);
    }
}
