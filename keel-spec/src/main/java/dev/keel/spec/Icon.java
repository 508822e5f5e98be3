package dev.keel.spec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An icon for a server, tool, prompt or resource (2025-11-25 and later).
 *
 * @param src an {@code https:} or {@code data:} URI
 * @param mimeType the image type, or {@code null}
 * @param sizes sizes such as {@code "48x48"} or {@code "any"}, or {@code null}
 * @param theme {@code "light"} or {@code "dark"}, or {@code null}
 */
public record Icon(String src, String mimeType, List<String> sizes, Theme theme) {
    public Icon {
        Objects.requireNonNull(src, "src");
        sizes = sizes == null ? null : List.copyOf(sizes);
    }

    /** An icon with only a source. */
    public static Icon of(String src) {
        return new Icon(src, null, null, null);
    }

    /** The background an icon is drawn for. */
    public enum Theme {
        @JsonProperty("light")
        LIGHT,
        @JsonProperty("dark")
        DARK
    }
}
