package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * A family of resources named by an RFC 6570 URI template.
 *
 * @param uriTemplate the URI template
 * @param name the programmatic name
 * @param title a display name (2025-06-18 and later), or {@code null}
 * @param description what the resources hold, or {@code null}
 * @param mimeType the content type of every match, or {@code null}
 * @param icons icons (2025-11-25 and later), or {@code null}
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record ResourceTemplate(
        String uriTemplate,
        String name,
        @JsonView(Since.R2025_06_18.class) String title,
        String description,
        String mimeType,
        @JsonView(Since.R2025_11_25.class) List<Icon> icons,
        Annotations annotations,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public ResourceTemplate {
        Objects.requireNonNull(uriTemplate, "uriTemplate");
        Objects.requireNonNull(name, "name");
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** A template with a URI template, a name and optionally a description and a content type. */
    public static ResourceTemplate of(String uriTemplate, String name, String description, String mimeType) {
        return new ResourceTemplate(uriTemplate, name, null, description, mimeType, null, null, null);
    }
}
