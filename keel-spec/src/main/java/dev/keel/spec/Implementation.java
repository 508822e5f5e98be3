package dev.keel.spec;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonView;

/**
 * The name and version of an MCP implementation: {@code serverInfo} and {@code clientInfo}.
 *
 * @param name the programmatic name
 * @param version the version
 * @param title a display name (2025-06-18 and later), or {@code null}
 * @param description what it is (2025-11-25 and later), or {@code null}
 * @param icons icons (2025-11-25 and later), or {@code null}
 * @param websiteUrl a home page (2025-11-25 and later), or {@code null}
 */
public record Implementation(
        String name,
        String version,
        @JsonView(Since.R2025_06_18.class) String title,
        @JsonView(Since.R2025_11_25.class) String description,
        @JsonView(Since.R2025_11_25.class) List<Icon> icons,
        @JsonView(Since.R2025_11_25.class) String websiteUrl) {

    public Implementation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** An implementation with only a name and a version. */
    public static Implementation of(String name, String version) {
        return new Implementation(name, version, null, null, null, null);
    }
}
