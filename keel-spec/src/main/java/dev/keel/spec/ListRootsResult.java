package dev.keel.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The client's answer to {@code roots/list}: an {@link InputResponse} in 2026-07-28, a JSON-RPC
 * result in legacy revisions.
 *
 * @param roots the roots the client exposes
 * @param meta {@code _meta} (legacy revisions), or {@code null}
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ListRootsResult(List<Root> roots, @JsonProperty("_meta") Map<String, Object> meta)
        implements InputResponse {

    public ListRootsResult {
        roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
    }

    /** A result listing {@code roots}. */
    public static ListRootsResult of(Root... roots) {
        return new ListRootsResult(List.of(roots), null);
    }
}
