package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The contents of a text resource.
 *
 * @param uri the resource URI
 * @param mimeType the content type, or {@code null}
 * @param text the text
 * @param meta {@code _meta}, or {@code null}
 */
public record TextResourceContents(String uri, String mimeType, String text,
        @JsonProperty("_meta") Map<String, Object> meta) implements ResourceContents {

    public TextResourceContents {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(text, "text");
    }

    /** Text contents of {@code uri}. */
    public static TextResourceContents of(String uri, String mimeType, String text) {
        return new TextResourceContents(uri, mimeType, text, null);
    }
}
