package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonView;

/**
 * A directory or file the client lets the server work on, as {@code roots/list} reports it. Roots
 * inform; they do not control access.
 *
 * @param uri the root's URI; {@code file://} for now
 * @param name a display name, or {@code null}
 * @param meta {@code _meta} (2025-06-18 and later), or {@code null}
 */
public record Root(String uri, String name, @JsonView(Since.R2025_06_18.class) @JsonProperty("_meta") Map<String, Object> meta) {

    public Root {
        Objects.requireNonNull(uri, "uri");
    }

    /** A root without a name. */
    public static Root of(String uri) {
        return new Root(uri, null, null);
    }
}
