package dev.keel.spec;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code logging/setLevel} (legacy only; 2026-07-28 puts the level in each
 * request's {@code _meta} instead).
 *
 * @param level the least severe level the client wants to receive
 * @param meta {@code _meta}, or {@code null}
 */
public record SetLevelRequestParams(LoggingLevel level, @JsonProperty("_meta") Map<String, Object> meta) {

    public SetLevelRequestParams {
        Objects.requireNonNull(level, "level");
    }
}
