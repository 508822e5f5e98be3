package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * A resource as {@code resources/list} describes it.
 *
 * @param uri the resource URI
 * @param name the programmatic name
 * @param title a display name (2025-06-18 and later), or {@code null}
 * @param description what the resource holds, or {@code null}
 * @param mimeType the content type, or {@code null}
 * @param size the size in bytes, or {@code null}
 * @param icons icons (2025-11-25 and later), or {@code null}
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record Resource(
        String uri,
        String name,
        @JsonView(Since.R2025_06_18.class) String title,
        String description,
        String mimeType,
        Long size,
        @JsonView(Since.R2025_11_25.class) List<Icon> icons,
        Annotations annotations,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public Resource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** A resource with a URI, a name and optionally a description and a content type. */
    public static Resource of(String uri, String name, String description, String mimeType) {
        return new Resource(uri, name, null, description, mimeType, null, null, null, null);
    }
}
