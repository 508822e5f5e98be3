package dev.keel.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of a list request.
 *
 * @param cursor where to continue, from the previous page's {@code nextCursor}, or {@code null}
 * @param meta {@code _meta}, or {@code null}
 */
public record PaginatedRequestParams(String cursor, @JsonProperty("_meta") Map<String, Object> meta) {
}
