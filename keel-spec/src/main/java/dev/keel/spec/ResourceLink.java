package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * A link to a resource the client may read (2025-06-18 and later).
 *
 * @param uri the resource URI
 * @param name the programmatic name
 * @param title a display name, or {@code null}
 * @param description a description, or {@code null}
 * @param mimeType the content type, or {@code null}
 * @param size the size in bytes, or {@code null}
 * @param icons icons (2025-11-25 and later), or {@code null}
 * @param annotations display hints, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record ResourceLink(String uri, String name, String title, String description, String mimeType, Long size,
        @JsonView(Since.R2025_11_25.class) List<Icon> icons, Annotations annotations,
        @JsonProperty("_meta") Map<String, Object> meta) implements ContentBlock {

    public ResourceLink {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** A link with a URI and a name. */
    public static ResourceLink of(String uri, String name) {
        return new ResourceLink(uri, name, null, null, null, null, null, null, null);
    }

    @Override
    public boolean availableIn(ProtocolVersion version) {
        return version.atLeast(ProtocolVersion.V2025_06_18);
    }
}
